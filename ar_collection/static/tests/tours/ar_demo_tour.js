import { registry } from "@web/core/registry";

// The demo as a French credit manager first sees it: each page has content and
// none of the suite's English strings (a missing translation) shows.
export const ENGLISH = [
    "My day",
    "Collection agenda",
    "Collection indicators",
    "Formal notice",
    "First reminder",
    "Firm reminder",
    "Courtesy reminder",
    "Reminders to review",
    "Aged balance",
    "Not due",
    "Overdue invoices",
    "DSO month by month",
    "Top 10 late",
    "Promises kept",
    "Available credit",
    "Credit limit",
    "Risk grade",
    "Guarantees",
    "Factoring contract",
    "Amount assigned",
    "To review",
];

export function checkFrench() {
    const text = document.querySelector(".o_action_manager").innerText;
    const found = ENGLISH.filter((phrase) => text.includes(phrase));
    if (found.length) {
        throw new Error(`English on a French page: ${found.join(", ")}`);
    }
}

function page(name, content, trigger, check = () => {}) {
    registry.category("web_tour.tours").add(name, {
        steps: () => [
            {
                content,
                trigger,
                run() {
                    if (document.querySelector(".o_view_sample_data, .o_view_nocontent")) {
                        throw new Error(`${content}: the page is empty`);
                    }
                    check();
                    checkFrench();
                },
            },
        ],
    });
}

page("ar_demo_my_day", "My day lists today's actions", ".o_list_view .o_data_row");
page("ar_demo_review", "The review queue lists reminders", ".o_list_view .o_data_row");
page(
    "ar_demo_aged_balance",
    "The aged balance analysis has figures",
    ".o_pivot .o_pivot_cell_value"
);
page(
    "ar_demo_indicators",
    "The indicators open with a DSO",
    ".o_form_view .o_field_widget[name='dso_countback']",
    () => {
        const dso = document.querySelector(".o_field_widget[name='dso_countback']");
        if (!(parseFloat(dso.innerText.replace(/\s/g, "").replace(",", ".")) > 0)) {
            throw new Error(`DSO is ${dso.innerText}`);
        }
        if (!document.querySelector(".o_field_widget[name='top_amount_ids'] .o_data_row")) {
            throw new Error("No late customer in the indicators");
        }
    }
);

registry.category("web_tour.tours").add("ar_demo_credit_tab", {
    steps: () => [
        {
            content: "Open the customer's credit tab",
            trigger: ".o_notebook a[name='ar_risk_credit']",
            run: "click",
        },
        {
            content: "The credit tab shows the exposure",
            trigger: ".o_notebook .tab-pane.active .o_field_widget[name='ar_exposure']",
            run() {
                const exposure = document.querySelector(".o_field_widget[name='ar_exposure']");
                if (!/[1-9]/.test(exposure.innerText)) {
                    throw new Error(`Exposure is ${exposure.innerText}`);
                }
                checkFrench();
            },
        },
    ],
});
