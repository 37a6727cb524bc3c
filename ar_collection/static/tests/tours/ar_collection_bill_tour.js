import { registry } from "@web/core/registry";

// From the agenda: open a planned call and record the bill of exchange the
// customer accepts.
registry.category("web_tour.tours").add("ar_collection_bill_record_tour", {
    url: "/odoo/action-ar_collection.ar_collection_action_action",
    steps: () => [
        {
            content: "Search the agenda for the customer",
            trigger: ".o_searchview_input",
            run: "edit Quincaillerie Tour",
        },
        {
            content: "Search by customer",
            trigger: ".o_searchview_input",
            run: "press Enter",
        },
        {
            content: "The agenda is filtered on the customer",
            trigger: ".o_searchview_facet:contains('Quincaillerie Tour')",
        },
        {
            content: "Unfold the day of the call",
            trigger: ".o_list_table tbody:not(:has(.o_group_header ~ .o_group_header)) > .o_group_header",
            run: "click",
        },
        {
            content: "Open the call",
            trigger: ".o_data_cell:contains('Tour: call Quincaillerie')",
            run: "click",
        },
        {
            content: "The customer accepts a bill",
            trigger: ".o_form_view .o_statusbar_buttons button:contains('Record a bill')",
            run: "click",
        },
        {
            content: "Maturity",
            trigger: ".modal .o_field_widget[name='date_maturity'] input",
            run: "edit 12/31/2099",
        },
        {
            content: "Record it",
            trigger: ".modal-footer button.btn-primary:contains('Record the bill')",
            run: "click",
        },
        {
            content: "The bill is accepted (its entry posted: a slow step)",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Accepted')",
            timeout: 30000,
        },
    ],
});

// The accountant remits the bill to the bank: the CFONB file is attached.
registry.category("web_tour.tours").add("ar_collection_bill_remit_tour", {
    url: "/odoo/action-ar_collection.ar_collection_bill_remittance_action",
    steps: () => [
        {
            content: "New remittance",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "To the bank",
            trigger: ".o_field_widget[name='journal_id'] input",
            run: "edit Tour Bank LCR",
        },
        {
            content: "Choose it",
            trigger: ".o-autocomplete--dropdown-item:contains('Tour Bank LCR')",
            run: "click",
        },
        {
            content: "Add a bill",
            trigger: ".o_field_widget[name='candidate_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Pick the customer's bill",
            trigger: ".modal .o_data_cell:contains('Quincaillerie Tour')",
            run: "click",
        },
        {
            content: "The bill is in the remittance",
            trigger: ".o_field_widget[name='candidate_ids'] .o_data_cell:contains('Quincaillerie Tour')",
        },
        {
            content: "Remit",
            trigger: ".o_statusbar_buttons button:contains('Remit and write the file')",
            run: "click",
        },
        {
            content: "Remitted, with the file (a slow step)",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Remitted')",
            timeout: 30000,
        },
        {
            content: "The file is there to download",
            trigger: ".o_field_widget[name='file_data']:contains('LCR_')",
        },
    ],
});
