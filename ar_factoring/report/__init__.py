from . import ar_customer_statement
