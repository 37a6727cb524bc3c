#!/usr/bin/env bash
# Odoo's own `account` tests with the suite installed: our overrides of
# posting, payments and partners must leave them green. They run in a database
# of their own, in English (not the French test database).
# Usage: .ci/account-tests.sh [TAGS]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
odoo_own_tests account "${AR_ACCOUNT_TEST_DB:-ar_account_test}" "$ADDONS" \
    "${1:-/account:TestAccountMoveOutInvoiceOnchanges,/account:TestAccountMoveOutRefundOnchanges,/account:TestAccountPaymentRegister,/account:TestAccountMovePaymentsWidget,/account:TestAccountPartner,/account:TestAccountMoveReconcile,/account:TestResPartnerMerge,/account:TestAccountPayment}"
