# Die Wörter, die handout selbst schreibt, auf Deutsch.
# Zahlen kommen als Variablen ($seconds, $times...): der Katalog gibt nur
# die Wörter. Format: Project Fluent, https://projectfluent.org/
# Anrede: „Sie“, wie in Patienteninformationen üblich.

# Die Sprache, in ihrer eigenen Sprache benannt, für die Sprachauswahl.
language-name = Deutsch

## Die Dosis, in Sätzen (Heft und Website) und in einer kurzen Zeile
## (Abhakliste).

dose-hold = Halten Sie die Position { duration-long }.
dose-repeat =
    { $side ->
        [leg] Wiederholen Sie { times } mit jedem Bein
        [arm] Wiederholen Sie { times } mit jedem Arm
        [side] Wiederholen Sie { times } auf jeder Seite
       *[none] Wiederholen Sie { times }
    }.
dose-repeat-alternating =
    { $side ->
        [leg] Machen Sie die Übung { times } mit jedem Bein, die Beine im Wechsel
        [arm] Machen Sie die Übung { times } mit jedem Arm, die Arme im Wechsel
       *[side] Machen Sie die Übung { times } auf jeder Seite, die Seiten im Wechsel
    }.
dose-per-day =
    { $max ->
        [1] Einmal am Tag.
        [2] Zweimal am Tag.
       *[other] { $max }{"\u2011"}mal am Tag.
    }
dose-per-day-range = { $min }- bis { $max }{"\u2011"}mal am Tag.
dose-short-hold = { duration-short } halten
dose-short-repeat =
    { $side ->
        [leg] { times } je Bein
        [arm] { times } je Arm
        [side] { times } je Seite
       *[none] { times }
    }
dose-short-separator = {" · "}

times =
    { $times ->
        [1] einmal
        [2] zweimal
       *[other] { $times }{"\u2011"}mal
    }

duration-long =
    { $minutes ->
        [0] { seconds-long }
       *[other] { $seconds ->
            [0] { minutes-long }
           *[other] { minutes-long } und { seconds-long }
        }
    }
seconds-long =
    { $seconds ->
        [one] { $seconds }{"\u00A0"}Sekunde
       *[other] { $seconds }{"\u00A0"}Sekunden
    }
minutes-long =
    { $minutes ->
        [one] { $minutes }{"\u00A0"}Minute
       *[other] { $minutes }{"\u00A0"}Minuten
    }
duration-short =
    { $minutes ->
        [0] { $seconds }{"\u00A0"}s
       *[other] { $seconds ->
            [0] { $minutes }{"\u00A0"}min
           *[other] { $minutes }{"\u00A0"}min { $seconds }{"\u00A0"}s
        }
    }

## Daten.

date-weekday-short = { weekday-short }
# Über der Spalte eines Tages: „23.2.“, kurz genug für die Spalte.
date-day-month-short = { $day }.{ $month }.
date-long = { $day }.{"\u00A0"}{ month-long } { $year }

date-day = { weekday-short }, { $day }.{"\u00A0"}{ month-short } { $year }
date-day-no-year = { weekday-short }, { $day }.{"\u00A0"}{ month-short }
date-range = { $from } – { $until }
date-from = ab { $from }

## Das Programm eines Patienten: die Angaben auf dem Deckblatt.

patient-surgery-date = Operationsdatum
patient-start-date = Startdatum

## Die Abhakliste.

checklist-day = Tag { $number }

weekday-short =
    { $weekday ->
        [1] Mo
        [2] Di
        [3] Mi
        [4] Do
        [5] Fr
        [6] Sa
       *[7] So
    }
month-short =
    { $month ->
        [1] Jan.
        [2] Feb.
        [3] März
        [4] Apr.
        [5] Mai
        [6] Juni
        [7] Juli
        [8] Aug.
        [9] Sept.
        [10] Okt.
        [11] Nov.
       *[12] Dez.
    }
month-long =
    { $month ->
        [1] Januar
        [2] Februar
        [3] März
        [4] April
        [5] Mai
        [6] Juni
        [7] Juli
        [8] August
        [9] September
        [10] Oktober
        [11] November
       *[12] Dezember
    }

## Wie oft und wie lange, ohne Punkt am Ende.

per-day =
    { $count ->
        [one] einmal am Tag
       *[other] { $count }{"\u2011"}mal am Tag
    }
per-day-range = { $min }- bis { $max }{"\u2011"}mal am Tag
weeks =
    { $count ->
        [one] { $count }{"\u00A0"}Woche
       *[other] { $count }{"\u00A0"}Wochen
    }
weeks-range = { $min } bis { $max }{"\u00A0"}Wochen
per-day-varies = so oft, wie es bei jeder Übung steht

## Die Arten von Übungen.

kind-stretch = Dehnung
kind-strengthen = Kräftigung

## Beschriftungen, die alle Ausgaben teilen.

phase-number = Phase { $number }
label-when-to-start = Wann beginnen:
label-when = Wann:
label-how-often = Wie oft:
label-how-long = Wie lange:
label-how-much = Wie viel:
label-position = Position:
label-you-need = Sie brauchen:
label-breathing = Atmung:
label-be-careful = Vorsicht:
label-your-dates = Ihr Zeitplan:
label-for = Für:
label-your-clinician = Ihre Ansprechperson:
label-phone = Telefon:
label-website = Website:
label-of = { $label }:
heading-how-much = Wie viel
heading-steps = Schritte
heading-breathing = Atmung
heading-be-careful = Vorsicht
heading-position = Position
heading-you-need = Sie brauchen
heading-phase = Phase
nothing-needed = Nichts
exercise-count =
    { $count ->
        [one] { $count } Übung
       *[other] { $count } Übungen
    }
list-then = {", danach "}
list-and = {", "}

## Die Abbildungen der Übungen: die Beschriftungen der beiden Bilder (die
## Stellung, in der die Bewegung beginnt, und die, in der sie endet), und
## die Schaltfläche der Website, die die Bewegung abspielt und anhält.

figure-start = Anfang
figure-end = Ende
figure-play = Bewegung abspielen
figure-stop = Bewegung anhalten
# Der Kontaktbogen der Abbildungen (`handout figures`), zur Prüfung durch die Praxis.
figures-sheet-name = Abbildungen
figures-sheet-lead = Die Abbildung jeder Übung, wie das Heft sie druckt, mit ihrer Beschreibung, zum Prüfen der Zeichnungen.
figures-sheet-file = Eine Bilddatei, keine Zeichnung:
figures-sheet-none = Noch keine Abbildung.

## Wenn ein Teil noch nicht übersetzt ist (mit `translations: warn`).

untranslated = Dieser Teil ist noch nicht übersetzt. Er wird in seiner Originalsprache gezeigt.
draft = Entwurf: noch nicht veröffentlicht. Die veröffentlichte Fassung lässt diese Seite aus, bis ihr `draft: true` entfernt ist.

## Die Website.

site-skip-link = Zum Hauptinhalt springen
site-nav-label = Hauptnavigation
site-breadcrumb-label = Brotkrumennavigation
site-languages-label = Diese Seite in anderen Sprachen
site-home = Start
site-checklist = Abhakliste
site-programs = Programme
site-search = Suche
site-important = Wichtig
site-contact-heading = Fragen? Wenden Sie sich an Ihre Praxis
home-how-to-use = So nutzen Sie diese Anleitung
home-phases =
    { $count ->
        [one] Ihre Übungen bilden eine Phase.
       *[other] Ihre Übungen sind in { $count } Phasen eingeteilt. Beginnen Sie mit der ersten. Ihr Behandlungsteam sagt Ihnen, wann Sie bereit für die nächste sind.
    }
home-read-first = Bitte lesen Sie vor dem Start:
home-programs = Programme, die Ihr Behandlungsteam Ihnen geben kann, jedes mit seiner Abhakliste:
phase-about = Über diese Phase
# On the home page, under the first exercises of a long phase.
phase-all-exercises = Alle { exercise-count } ansehen
phase-exercises-heading = Übungen in dieser Phase
phase-group-index = { exercise-count }, nach Art und Ausgangsposition
checklist-print-link = Drucken Sie die Abhakliste aus
checklist-print-link-program = Drucken Sie die Abhakliste Ihres Programms aus
checklist-print-link-phase = Drucken Sie die Abhakliste für diese Phase aus
checklist-print-link-rest = und haken Sie bei jeder Übung ein Kästchen ab.
pager-label = Übungen in { $phase }
pager-previous = Vorherige Übung
pager-up = Zurück zur Phase
pager-next = Nächste Übung
search-title = Eine Übung finden
search-label = Suchwörter, zum Beispiel „Wade“ oder „Rückenlage“
search-all = Alle { exercise-count }, nach Phase:
search-none = Keine Übung passt. Versuchen Sie weniger oder andere Wörter.
search-matches =
    { $count ->
        [one] { $count } Übung passt.
       *[other] { $count } Übungen passen.
    }
not-found-title = Seite nicht gefunden
not-found-text = Leider finden wir die gesuchte Seite nicht. Vielleicht wurde sie verschoben, oder die Adresse enthält einen Tippfehler.
not-found-home = Zur Startseite
not-found-rest = mit allen Übungen, oder wählen Sie einen Bereich:
programs-lead = Ihr Behandlungsteam gibt Ihnen eines dieser Programme. Zu jedem gehört eine Abhakliste zum Ausdrucken und Aufhängen.
programs-item = { exercise-count } in { $phases }
program-checklist-title = { $program }: Abhakliste der Übungen

## Die Abhakliste, auf der Website und als PDF.

checklist-title = Abhakliste der Übungen
checklist-lead = Drucken Sie sie aus, hängen Sie sie an die Wand oder den Kühlschrank, und haken Sie bei jeder Übung ein Kästchen ab. Jede Phase passt auf eine Seite im Querformat.
checklist-solid = Durchgezogene Kästchen: so oft, wie Ihr Behandlungsteam es empfiehlt.
checklist-dashed = Gestrichelte Kästchen
checklist-dashed-rest = bedeuten: zusätzlich, wenn Sie können.
checklist-tick-here = Sie können die Kästchen auch auf dieser Seite abhaken.
checklist-remembered = Dieser Browser merkt sich Ihre Häkchen.
checklist-print = Liste drucken
checklist-clear = Alle Häkchen löschen
checklist-clear-confirm = Alle Häkchen dieser Liste löschen?
checklist-tick-each-time = Haken Sie jedes Mal ein Kästchen ab.
checklist-dashed-optional = Gestrichelte Kästchen sind freiwillig.
checklist-tick-each-exercise = Haken Sie bei jeder Übung ein Kästchen ab.
checklist-dashed-extra = Gestrichelte Kästchen: zusätzlich, wenn Sie können.
checklist-week-of = Woche ab
checklist-week-number = Woche { $number } von { $count }
checklist-exercise = Übung
checklist-notes = Notizen
checklist-boxes-label = { $phase }: Kästchen zum Abhaken
checklist-caption = { $phase }: eine Zeile je Übung, eine Spalte je Tag, ein Kästchen für jedes Mal
checklist-box-time = Durchgang { $number } von { $count }
checklist-box-optional = (freiwillig)
checklist-call = Fragen? Rufen Sie { $phone } an
checklist-call-clinic = Fragen? Rufen Sie { $clinic } unter { $phone } an
checklist-call-worries = Fragen oder Sorgen? Rufen Sie { $phone } an.
checklist-call-worries-clinic = Fragen oder Sorgen? Rufen Sie { $clinic } unter { $phone } an.

## Das gedruckte Heft.

handout-subject = Übungen für zu Hause
handout-how-to-use-label = So nutzen Sie dieses Heft:
handout-how-to-use = Machen Sie nur die Übungen der Phase, in der Sie gerade sind. Bei jeder Übung steht, wie lange Sie halten, wie oft Sie wiederholen und wie oft am Tag Sie üben. Haken Sie die Übungen auf der Abhakliste ab. Heben Sie dieses Heft auf und bringen Sie es zu Ihren Terminen mit.
handout-contents = Inhalt
handout-notes-for-you = Hinweise für Sie
handout-note-for-you = Ein Hinweis für Sie:
handout-set-for-you = Von Ihrem Behandlungsteam für Sie festgelegt.
handout-qr = Mit der Handykamera scannen, um diese Übungen online zu sehen
handout-qr-exercise = Scannen, um diese Übung online zu sehen
page-number = Seite { $number } von { $count }

## Die Beschriftungen der Kästen im PDF, wenn ein Kasten keine eigene hat.

box-dose = Wie viel
box-note = Hinweis
box-tip = Tipp
box-important = Wichtig
box-warning = Warnung
box-caution = Vorsicht

## Was ein Bildschirmleser im PDF sagt, wo die Seite keine Wörter zeigt.

pdf-box-not-done = Nicht erledigt
pdf-box-done = Erledigt
pdf-link-page = Zu Seite { $page }
pdf-link-call = { $phone } anrufen
pdf-link-email = E-Mail an { $address }
pdf-link-open = { $address } öffnen

## Wann Sie Hilfe holen: die Überschriften der Warnzeichen. Die Zeichen
## selbst stehen in handout.yaml.

warning-signs-title = Wann Sie Hilfe holen
warning-signs-label = Wann Sie Hilfe holen:
warning-signs-lead = Die meisten Menschen erholen sich nach einer Operation an der Wirbelsäule gut. Bei diesen Zeichen rufen Sie bitte an. Warten Sie nicht bis zum nächsten Termin.
warning-signs-emergency = Rufen Sie sofort die { $number } an, wenn:
warning-signs-clinic = Rufen Sie noch heute Ihre Praxis an, wenn:
warning-signs-clinic-phone = Rufen Sie noch heute Ihre Praxis an ({ $phone }), wenn:
warning-signs-emergency-short = Sofort die { $number } anrufen:
warning-signs-clinic-short = Ihre Praxis anrufen:
warning-signs-clinic-phone-short = Ihre Praxis anrufen, { $phone }:
warning-signs-all = Alle Warnzeichen
warning-signs-footer = Ein Warnzeichen? Rufen Sie sofort die { $number } an. Ihr Heft nennt alle.

## The site on a phone (issue 25): an exercise page's box of warning
## signs, the checklist's weeks, the 404 page's other languages.

stop-and-call = Aufhören und anrufen
checklist-previous-week = Vorige Woche
checklist-next-week = Nächste Woche
checklist-start-label = Der Tag, an dem Sie mit dieser Phase begonnen haben (bleibt nur auf diesem Gerät)
checklist-skip = Die Kästchen von { $phase } überspringen
checklist-clear-week = Die Haken dieser Woche löschen
checklist-clear-week-confirm = Die Haken dieser Woche löschen?
checklist-print-ticks = Mit meinen Haken drucken
checklist-today = heute
site-menu = Menü
site-print-page = Diese Übung drucken
site-reviewed-on = Geprüft am { $date }

## Die eigene Seite des Patienten auf der Website (`my/`) und die
## Erinnerungen (eine Kalenderdatei).

patient-link-qr = Scannen, um Ihre Übungen und Mengen auf dem Handy zu sehen
patient-link-private = Dieser Link enthält Ihre Übungen, nicht Ihren Namen.
my-title = Ihre Übungen
my-lead = Ihre eigenen Übungen, Mengen und Termine, aus dem Code in Ihrem Heft.
my-private = Ihr Programm steht nur in der Adresse dieser Seite: Die Website speichert es nicht und weiß nicht, wer Sie sind. Ihre Häkchen bleiben auf diesem Gerät.
my-no-program = Öffnen Sie diese Seite mit dem QR-Code oder dem Link in Ihrem Heft.
my-invalid = Dieser Link ist beschädigt oder unvollständig und kann Ihre Übungen nicht zeigen. Scannen Sie den Code in Ihrem Heft noch einmal oder fragen Sie Ihr Behandlungsteam.
my-missing =
    { $count ->
        [one] Eine Übung Ihres Programms ist nicht mehr auf dieser Website. Fragen Sie Ihr Behandlungsteam.
       *[other] { $count } Übungen Ihres Programms sind nicht mehr auf dieser Website. Fragen Sie Ihr Behandlungsteam.
    }
my-today = Heute sind Sie in: { $phase }
my-not-started = Ihr Programm beginnt am { $from }.
my-ended = Die Termine Ihres Programms sind vorbei. Fragen Sie Ihr Behandlungsteam, wie es weitergeht.
my-steps = Tippen Sie auf eine Übung, um zu sehen, wie sie geht. Steht auf ihrer Seite eine andere Menge, folgen Sie der Menge auf dieser Seite: Ihr Behandlungsteam hat sie für Sie festgelegt.
my-now = Jetzt
my-this-week = Die Liste dieser Woche
my-week-lead = Setzen Sie jedes Mal ein Häkchen, wenn Sie eine Übung machen.
my-calendar = Erinnerungen in Ihren Kalender übernehmen
my-calendar-lead = Eine Kalenderdatei mit einer Erinnerung zu jeder Übungszeit, an jedem Tag jeder Phase. Öffnen Sie sie mit dem Kalender Ihres Handys.
ics-summary = Übungen: { $phase }
ics-exercises = Übungen heute:
ics-open = Ihre Übungen und Mengen: { $address }
ics-alarm = Zeit für Ihre Übungen

# The head over the rest of an exercise that goes on over the page.
pdf-continued = { $label } (Fortsetzung)

# After a link to another part of a PDF, where that part is printed.
pdf-page-reference = (Seite { $page })
