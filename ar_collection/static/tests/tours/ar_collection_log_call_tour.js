import { registry } from "@web/core/registry";

// From the agenda: open a planned call, log it with a promise to pay, and
// find the follow-up call the promise scheduled back in the agenda.
registry.category("web_tour.tours").add("ar_collection_log_call_tour", {
    url: "/odoo/action-ar_collection.ar_collection_action_action",
    steps: () => [
        // The agenda is grouped by day, and "today" depends on whose clock
        // reads it: find the call by its customer, never by the groups' order.
        {
            content: "Search the agenda for the customer",
            trigger: ".o_searchview_input",
            run: "edit Boulangerie Tour",
        },
        {
            content: "Search by customer",
            trigger: ".o_searchview_input",
            run: "press Enter",
        },
        {
            content: "The agenda is filtered on the customer",
            trigger: ".o_searchview_facet:contains('Boulangerie Tour')",
        },
        {
            content: "Unfold the only day left: the one of the call",
            trigger: ".o_list_table tbody:not(:has(.o_group_header ~ .o_group_header)) > .o_group_header",
            run: "click",
        },
        {
            content: "Open the planned call from the agenda",
            trigger: ".o_data_cell:contains('Tour: call Boulangerie')",
            run: "click",
        },
        {
            content: "Log the call",
            trigger: ".o_form_view .o_statusbar_buttons button.btn-primary:contains('Log call')",
            run: "click",
        },
        {
            content: "The customer promises to pay",
            trigger: ".modal .o_field_widget[name='outcome'] input[data-value='promise']",
            run: "click",
        },
        {
            content: "Amount promised",
            trigger: ".modal .o_field_widget[name='promise_amount'] input",
            run: "edit 450",
        },
        {
            content: "Promised for the end of December",
            trigger: ".modal .o_field_widget[name='promise_date'] input",
            run: "edit 12/31/2099",
        },
        {
            content: "Means: cheque",
            trigger: ".modal .o_field_widget[name='promise_means'] select",
            run: "select \"cheque\"",
        },
        {
            content: "Log it",
            trigger: ".modal-footer button.btn-primary:contains('Log')",
            run: "click",
        },
        {
            content: "The call is done",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Done')",
        },
        {
            content: "Back to the agenda",
            trigger: ".o_breadcrumb .breadcrumb-item a",
            run: "click",
        },
        {
            content: "Unfold the day of the follow-up",
            trigger: ".o_group_header:contains('2100')",
            run: "click",
        },
        {
            content: "The follow-up call appears in the agenda",
            trigger: ".o_data_cell:contains('Follow-up: Tour: call Boulangerie')",
        },
    ],
});
