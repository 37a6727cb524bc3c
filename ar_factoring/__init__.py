from . import models
from . import report
from . import demo
from . import wizards
