import { registry } from "@web/core/registry";

// From a customer: open the statement dialog, check the preview shows the
// open invoice and the balance, then email the statement.
registry.category("web_tour.tours").add("ar_collection_statement_tour", {
    steps: () => [
        {
            content: "Open the customer's Collection tab",
            trigger: ".o_notebook .nav-link:contains('Collection')",
            run: "click",
        },
        {
            content: "Open the statement of account",
            trigger: "button:contains('Statement of account')",
            run: "click",
        },
        {
            content: "The preview shows the statement of the customer",
            trigger: ".modal .o_field_widget[name='preview'] :contains('Statement of account at')",
        },
        {
            content: "The preview lists the open invoice",
            trigger: ".modal .o_field_widget[name='preview'] tr:contains('Invoice'):contains('1,250.00')",
        },
        {
            content: "The preview shows the balance due",
            trigger: ".modal .o_field_widget[name='preview'] tr:contains('Balance due'):contains('1,250.00')",
        },
        {
            content: "Send it by email",
            trigger: ".modal-footer button:contains('Send by email')",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal-footer button.btn-primary:contains('Ok')",
            run: "click",
        },
        {
            content: "The statement is sent",
            trigger: ".o_notification:contains('1 statement(s) sent')",
        },
    ],
});
