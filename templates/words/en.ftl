# The words handout writes itself, in English: the reference catalogue.
# Every other catalogue has every message of this one (a missing one is an
# error that names it). Numbers come in as variables ($seconds, $times...):
# a catalogue words them and never changes them.
# Format: Project Fluent, https://projectfluent.org/fluent/guide/

# The language, named in itself, for the site's language switcher.
language-name = English

## The dose, in sentences (the handout and the site) and in one short line
## (the checklist). $side is leg, arm or side.

dose-hold = Hold { duration-long }.
dose-repeat =
    { $side ->
        [leg] Repeat { times } on each leg
        [arm] Repeat { times } on each arm
        [side] Repeat { times } on each side
       *[none] Repeat { times }
    }.
dose-repeat-alternating =
    { $side ->
        [leg] Repeat { times } on each leg, switching legs
        [arm] Repeat { times } on each arm, switching arms
       *[side] Repeat { times } on each side, switching sides
    }.
dose-per-day =
    { $max ->
        [one] { $max } time a day.
       *[other] { $max } times a day.
    }
dose-per-day-range = { $min }-{ $max } times a day.
dose-short-hold = Hold { duration-short }
dose-short-repeat =
    { $side ->
        [leg] { times } each leg
        [arm] { times } each arm
        [side] { times } each side
       *[none] { times }
    }
dose-short-separator = {" · "}

# How many times: "once", "twice", "3 times".
times =
    { $times ->
        [1] once
        [2] twice
       *[other] { $times } times
    }

# A hold: $minutes and $seconds, either of them 0 but not both.
duration-long =
    { $minutes ->
        [0] { seconds-long }
       *[other] { $seconds ->
            [0] { minutes-long }
           *[other] { minutes-long } { seconds-long }
        }
    }
seconds-long =
    { $seconds ->
        [one] { $seconds } second
       *[other] { $seconds } seconds
    }
minutes-long =
    { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }
duration-short =
    { $minutes ->
        [0] { $seconds } s
       *[other] { $seconds ->
            [0] { $minutes } min
           *[other] { $minutes } min { $seconds } s
        }
    }

## Dates: $day is the day of the month, $month 1-12, $weekday 1 (Monday) to
## 7 (Sunday), $year the year.

# A checklist's day head: "Mon" above "11 Jan".
date-weekday-short = { weekday-short }
date-day-month-short = { $day } { month-short }
# "11 January 2027".
date-long = { $day } { month-long } { $year }

# A day in full, "Mon 11 Jan 2027", and without its year, "Mon 11 Jan".
date-day = { weekday-short } { $day } { month-short } { $year }
date-day-no-year = { weekday-short } { $day } { month-short }
# A phase's dates: $from and $until are days written as above.
date-range = { $from } – { $until }
date-from = from { $from }

## A patient's program: the cover's labels.

patient-surgery-date = Surgery date
patient-start-date = Start date

## The checklist.

# A day's column head when no start date is set.
checklist-day = Day { $number }

weekday-short =
    { $weekday ->
        [1] Mon
        [2] Tue
        [3] Wed
        [4] Thu
        [5] Fri
        [6] Sat
       *[7] Sun
    }
month-short =
    { $month ->
        [1] Jan
        [2] Feb
        [3] Mar
        [4] Apr
        [5] May
        [6] Jun
        [7] Jul
        [8] Aug
        [9] Sep
        [10] Oct
        [11] Nov
       *[12] Dec
    }
month-long =
    { $month ->
        [1] January
        [2] February
        [3] March
        [4] April
        [5] May
        [6] June
        [7] July
        [8] August
        [9] September
        [10] October
        [11] November
       *[12] December
    }
