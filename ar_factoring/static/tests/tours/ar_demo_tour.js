import { registry } from "@web/core/registry";
import { checkFrench } from "@ar_collection/../tests/tours/ar_demo_tour";

// The factoring dashboard of the demo contract: assigned receivables shown,
// in French.
registry.category("web_tour.tours").add("ar_demo_factoring", {
    steps: () => [
        {
            content: "Open the demo contract",
            trigger: ".o_list_view .o_data_row .o_data_cell",
            run: "click",
        },
        {
            content: "The dashboard shows receivables assigned to the factor",
            trigger: ".o_form_view .o_field_widget[name='amount_assigned']",
            run() {
                const assigned = document.querySelector(
                    ".o_field_widget[name='amount_assigned']"
                );
                if (!/[1-9]/.test(assigned.innerText)) {
                    throw new Error(`Assigned: ${assigned.innerText}`);
                }
                checkFrench();
            },
        },
    ],
});
