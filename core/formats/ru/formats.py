"""Russian dates as Django writes them (the day, the month in the genitive, the year
and the abbreviation for year), with a no-break space before that abbreviation, which
must not start a line of its own. Formats not named here are Django's."""

DATE_FORMAT = "j E Y\u00a0г."
DATETIME_FORMAT = "j E Y\u00a0г. G:i"
# A day of a month, in the genitive too: "1 сентября", not Django's "1 Сентябрь".
MONTH_DAY_FORMAT = "j E"
