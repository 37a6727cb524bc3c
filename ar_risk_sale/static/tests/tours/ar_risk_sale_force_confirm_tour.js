import { registry } from "@web/core/registry";

// A salesperson confirms a quotation of a customer over its limit: refused,
// with the reason. Opened from the order's own URL (the test gives it).
registry.category("web_tour.tours").add("ar_risk_sale_blocked_tour", {
    steps: () => [
        {
            content: "The quotation shows what the order would leave",
            trigger: ".o_form_view div[name='ar_credit']:contains('After this order')",
        },
        {
            content: "Confirm the quotation",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_confirm']",
            run: "click",
        },
        {
            content: "Refused: the customer exceeds its limit, and why",
            trigger: ".modal .modal-body:contains('exceeds its credit limit'):contains('this order')",
        },
        {
            content: "Close the message",
            trigger: ".modal .modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "The order is still a quotation",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Quotation')",
        },
    ],
});

// A credit manager forces it, with a reason.
registry.category("web_tour.tours").add("ar_risk_sale_force_tour", {
    steps: () => [
        {
            content: "Force the confirmation",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_ar_risk_force_confirm']",
            run: "click",
        },
        {
            content: "Give the reason",
            trigger: ".modal .o_field_widget[name='reason'] textarea",
            run: "edit Deposit received by transfer this morning",
        },
        {
            content: "Confirm",
            trigger: ".modal-footer button.btn-primary:contains('Confirm')",
            run: "click",
        },
        {
            content: "The order is confirmed",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Sales Order')",
        },
    ],
});
