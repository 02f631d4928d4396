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

## How often and for how long, without a full stop: a phase's "5-6 times
## a day", "6-12 weeks". $count is one number; $min and $max a range.

per-day =
    { $count ->
        [one] once a day
       *[other] { $count } times a day
    }
per-day-range = { $min }-{ $max } times a day
weeks =
    { $count ->
        [one] { $count } week
       *[other] { $count } weeks
    }
weeks-range = { $min }-{ $max } weeks
# How often, when a phase's exercises are not all done as often.
per-day-varies = as often as each exercise says

## The kinds of exercise.

kind-stretch = Stretch
kind-strengthen = Strengthening

## Labels every output shares. A label ending in a colon is followed by
## its value ("How often: 5-6 times a day"): French puts a no-break space
## before the colon.

phase-number = Phase { $number }
label-when-to-start = When to start:
label-when = When:
label-how-often = How often:
label-how-long = For how long:
label-how-much = How much:
label-position = Position:
label-you-need = You need:
label-breathing = Breathing:
label-be-careful = Be careful:
label-your-dates = Your dates:
label-for = For:
label-your-clinician = Your clinician:
label-phone = Phone:
label-website = Website:
# Any label followed by its value: "Surgery date: Mon 11 Jan 2027".
label-of = { $label }:
heading-how-much = How much
heading-steps = Steps
heading-breathing = Breathing
heading-be-careful = Be careful
heading-position = Position
heading-you-need = You need
heading-phase = Phase
nothing-needed = Nothing
exercise-count =
    { $count ->
        [one] { $count } exercise
       *[other] { $count } exercises
    }
# Joins a program's phases: "Early stretches, then Strengthening".
list-then = {", then "}
# A list of things: "a chair, a towel".
list-and = {", "}

## Exercise figures: the labels of the two panels (the position the
## movement starts from and the one it ends in), and the site's button
## that plays the movement and stops it.

figure-start = Start
figure-end = End
figure-play = Play the movement
figure-stop = Stop the movement
# The figures' contact sheet (`handout figures`), for the clinic's review.
figures-sheet-name = figures
figures-sheet-lead = Each exercise's figure as the handout prints it, with its description, to check the drawings.
figures-sheet-file = A picture file, not a drawing:
figures-sheet-none = No figure yet.

## Words a page carries when its content is not translated yet (with
## `translations: warn`): it shows the default language's words.

untranslated = This part is not translated yet. It is shown in its original language.
draft = Draft: not published yet. A build leaves this page out until its `draft: true` is removed.

## The website.

site-skip-link = Skip to main content
site-nav-label = Main
site-breadcrumb-label = Breadcrumb
site-languages-label = This page in other languages
site-home = Home
site-checklist = Checklist
site-programs = Programs
site-search = Search
site-important = Important
site-contact-heading = Questions? Contact your clinic
home-how-to-use = How to use this guide
home-phases =
    { $count ->
        [one] Your exercises come in one phase.
       *[other] Your exercises come in { $count } phases. Start with the first one. Your care team will tell you when you are ready for the next.
    }
home-read-first = Before you start, please read:
home-programs = Programs your care team may give you, each with its wall checklist:
phase-about = About this phase
# On the home page, under the first exercises of a long phase.
phase-all-exercises = See all { exercise-count }
phase-exercises-heading = Exercises in this phase
phase-group-index = { exercise-count }, by kind and starting position
checklist-print-link = Print the wall checklist
checklist-print-link-program = Print the wall checklist of your program
checklist-print-link-phase = Print the wall checklist for this phase
checklist-print-link-rest = and tick a box each time you do an exercise.
pager-label = Exercises in { $phase }
pager-previous = Previous exercise
pager-up = Back to phase
pager-next = Next exercise
search-title = Find an exercise
search-label = Words to look for, like “calf” or “lying on your back”
search-all = All { exercise-count }, by phase:
search-none = No exercise matches. Try fewer or other words.
search-matches =
    { $count ->
        [one] { $count } exercise matches.
       *[other] { $count } exercises match.
    }
not-found-title = Page not found
not-found-text = Sorry, we cannot find the page you asked for. It may have moved, or the address may have a typing mistake.
not-found-home = Go to the home page
not-found-rest = to see all the exercises, or choose a section:
programs-lead = Your care team gives you one of these programs. Each has a wall checklist to print and tape to your fridge.
programs-item = { exercise-count } in { $phases }
program-checklist-title = { $program }: exercise checklist

## The wall checklist, on the site and in its PDF.

checklist-title = Exercise checklist
checklist-lead = Print it, tape it to your wall or fridge, and tick a box each time you do an exercise. Each phase prints on one landscape page.
checklist-solid = Solid boxes are the times your care team asks for.
checklist-dashed = Dashed boxes
checklist-dashed-rest = are optional extra times.
checklist-tick-here = You can also tick the boxes on this page.
checklist-remembered = This browser remembers your ticks.
checklist-print = Print the checklist
checklist-clear = Clear all ticks
checklist-clear-confirm = Clear all the ticks on this checklist?
checklist-tick-each-time = Tick a box each time.
checklist-dashed-optional = Dashed boxes are optional.
checklist-tick-each-exercise = Tick a box each time you do the exercise.
checklist-dashed-extra = Dashed boxes are extra times, if you can.
checklist-week-of = Week of
checklist-week-number = Week { $number } of { $count }
checklist-exercise = Exercise
checklist-notes = Notes
checklist-boxes-label = { $phase }: tick boxes
checklist-caption = { $phase }: one row per exercise, one column per day, one box for each time you do it
checklist-box-time = time { $number } of { $count }
checklist-box-optional = (optional)
checklist-call = Questions? Call { $phone }
checklist-call-clinic = Questions? Call { $clinic } at { $phone }
checklist-call-worries = Questions or worries? Call { $phone }.
checklist-call-worries-clinic = Questions or worries? Call { $clinic } at { $phone }.

## The printed handout.

handout-subject = Home exercises
handout-how-to-use-label = How to use this handout:
handout-how-to-use = Do only the exercises for the phase you are in. Each exercise shows how long to hold, how many times to repeat it, and how often a day. Tick them off on the wall checklist. Keep this handout and bring it to your appointments.
handout-contents = Contents
handout-notes-for-you = Notes for you
handout-note-for-you = A note for you:
handout-set-for-you = Set for you by your care team.
handout-qr = Scan with your phone's camera to see these exercises online
handout-qr-exercise = Scan to see this exercise online
page-number = Page { $number } of { $count }

## The labels of the PDF's boxes (`> [!TIP]` in a page or a template) when
## the box gives none of its own.

box-dose = How much
box-note = Note
box-tip = Tip
box-important = Important
box-warning = Warning
box-caution = Caution

## What a screen reader says in a PDF where the page shows no words: a
## tick box's state, where a link without text leads.

pdf-box-not-done = Not done
pdf-box-done = Done
pdf-link-page = Go to page { $page }
pdf-link-call = Call { $phone }
pdf-link-email = Email { $address }
pdf-link-open = Open { $address }

## When to get help: the warning signs' headings, on every output. The
## signs themselves are the clinic's, in handout.yaml. $number is the
## emergency number, $phone the clinic's.

warning-signs-title = When to get help
warning-signs-label = When to get help:
warning-signs-lead = Most people recover well after spine surgery. These signs need a call. Do not wait for your next appointment.
warning-signs-emergency = Call { $number } right away if:
warning-signs-clinic = Call your clinic today if:
warning-signs-clinic-phone = Call your clinic today at { $phone } if:
warning-signs-emergency-short = Call { $number } now:
warning-signs-clinic-short = Call your clinic:
warning-signs-clinic-phone-short = Call your clinic, { $phone }:
warning-signs-all = All the warning signs
warning-signs-footer = A warning sign? Call { $number } now. Your handout lists them all.

## The site on a phone (issue 25): an exercise page's box of warning
## signs, the checklist's weeks, the 404 page's other languages.

stop-and-call = Stop and call
checklist-previous-week = Previous week
checklist-next-week = Next week
checklist-start-label = The day you started this phase (kept on this device only)
checklist-skip = Skip the boxes of { $phase }
checklist-clear-week = Clear this week’s ticks
checklist-clear-week-confirm = Clear the ticks of this week?
checklist-print-ticks = Print with my ticks
checklist-today = today
site-menu = Menu
site-print-page = Print this exercise
site-reviewed-on = Reviewed on { $date }

## A patient's own page on the site (`my/`), which the QR code on a
## patient's cover opens with the program in its address, and the
## reminders of `handout program` (a calendar file). $phase is a phase's
## title, $from a day written as above, $address a web address.

patient-link-qr = Scan to see your exercises and doses on your phone
patient-link-private = This link holds your exercises, not your name.
my-title = Your exercises
my-lead = Your own exercises, doses and dates, from the code on your handout.
my-private = Your program is only in this page's address: the site does not keep it and does not know who you are. Your ticks stay on this device.
my-no-program = Open this page with the QR code or the link on your handout.
my-invalid = This link is damaged or incomplete, so it cannot show your exercises. Scan the code on your handout again, or ask your care team.
my-missing =
    { $count ->
        [one] One exercise of your program is not on this site any more. Ask your care team.
       *[other] { $count } exercises of your program are not on this site any more. Ask your care team.
    }
my-today = Today you are in: { $phase }
my-not-started = Your program starts on { $from }.
my-ended = The dates of your program have passed. Ask your care team what to do next.
my-steps = Tap an exercise to see how to do it. Where its page gives another dose, follow the dose on this page: your care team set it for you.
my-now = Now
my-this-week = This week's checklist
my-week-lead = Tick a box each time you do an exercise.
my-calendar = Add reminders to your calendar
my-calendar-lead = A calendar file with a reminder at each exercise time, every day of each phase. Open it with your phone's calendar.
ics-summary = Exercises: { $phase }
ics-exercises = Today's exercises:
ics-open = Your exercises and doses: { $address }
ics-alarm = Time for your exercises

# The head over the rest of an exercise that goes on over the page.
pdf-continued = { $label } (continued)

# After a link to another part of a PDF, where that part is printed.
pdf-page-reference = (page { $page })
