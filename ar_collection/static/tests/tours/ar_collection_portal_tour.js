import { registry } from "@web/core/registry";

// A customer opens its personal link: promises a date, raises a problem on
// its first invoice, pays its second one with the demo provider.
registry.category("web_tour.tours").add("ar_collection_portal_tour", {
    steps: () => [
        {
            content: "The statement shows the total overdue",
            trigger: ".o_ar_total_overdue:contains('1,500.00')",
        },
        {
            content: "Promise a date",
            trigger: "#ar_date_promised",
            run() {
                this.anchor.value = "2099-12-31";
            },
        },
        {
            content: "By cheque",
            trigger: "#ar_payment_means",
            run: "select cheque",
        },
        {
            content: "Promise to pay",
            trigger: "button.o_ar_promise",
            run: "click",
        },
        {
            content: "The promise is recorded",
            trigger: ".o_ar_done:contains('promise to pay is recorded')",
        },
        {
            content: "The problem is about the amount",
            trigger: "#ar_dispute_reason",
            run: "select admin_amount",
        },
        {
            content: "Describe it",
            trigger: "#ar_dispute_message",
            run: "edit The discount agreed is missing.",
        },
        {
            content: "Send it",
            trigger: "button.o_ar_dispute",
            run: "click",
        },
        {
            content: "The problem is recorded and listed",
            trigger: ".o_ar_done:contains('problem is recorded')",
        },
        {
            content: "Tick the second invoice",
            trigger: "table.o_ar_invoices tbody tr:nth-child(2) input[name='move_ids']",
            run: "check",
        },
        {
            content: "Pay online",
            trigger: "button.o_ar_pay",
            run: "click",
        },
        {
            content: "The amount is the invoice's",
            trigger: ".o_ar_pay_amount:contains('300.00')",
        },
        {
            content: "Choose the demo provider",
            trigger: "input[name='o_payment_radio']",
            run: "click",
        },
        {
            content: "Card number",
            trigger: "#customer_input",
            run: "edit 4242424242424242",
        },
        {
            content: "Pay",
            trigger: "button[name='o_payment_submit_button']",
            run: "click",
        },
        {
            content: "Back on the statement: the second invoice is being paid",
            trigger: "table.o_ar_invoices tbody tr:nth-child(2) .o_ar_in_payment",
            timeout: 30000,
        },
    ],
});
