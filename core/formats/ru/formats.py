"""Russian dates as Django writes them (the day, the month in the genitive, the year
and the abbreviation for year), with a no-break space before that abbreviation, which
must not start a line of its own. Formats not named here are Django's."""

DATE_FORMAT = "j E Y\u00a0г."
DATETIME_FORMAT = "j E Y\u00a0г. G:i"
