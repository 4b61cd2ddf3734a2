"""English dates as the office writes them, day first: "9 June 2021".

Django's own English formats read "June 9, 2021" (American). Its Chinese and
Russian formats already match the office's style (2021年6月9日; the day, the month
in the genitive, the year and the abbreviation for year), so only English is set
here: FORMAT_MODULE_PATH looks here first, then in Django.
"""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
