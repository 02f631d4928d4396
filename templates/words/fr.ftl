# Les mots que handout écrit lui-même, en français.
# Les nombres arrivent en variables ($seconds, $times...) : le catalogue ne
# donne que les mots. Entre un nombre et son unité, une espace insécable
# ({"\u00A0"}), comme le veut la typographie française.
# Format : Project Fluent, https://projectfluent.org/

# La langue, nommée dans sa propre langue, pour le sélecteur de langue du site.
language-name = Français

## La dose, en phrases (livret et site) et sur une ligne courte (tableau).

dose-hold = Tenez la position { duration-long }.
dose-repeat =
    { $side ->
        [leg] Répétez { times } de chaque jambe
        [arm] Répétez { times } de chaque bras
        [side] Répétez { times } de chaque côté
       *[none] Répétez { times }
    }.
dose-repeat-alternating =
    { $side ->
        [leg] Répétez { times } de chaque jambe, en changeant de jambe
        [arm] Répétez { times } de chaque bras, en changeant de bras
       *[side] Répétez { times } de chaque côté, en changeant de côté
    }.
dose-per-day = { $max }{"\u00A0"}fois par jour.
dose-per-day-range = De { $min } à { $max }{"\u00A0"}fois par jour.
dose-short-hold = Tenir { duration-short }
dose-short-repeat =
    { $side ->
        [leg] { times } chaque jambe
        [arm] { times } chaque bras
        [side] { times } chaque côté
       *[none] { times }
    }
dose-short-separator = {" · "}

times = { $times }{"\u00A0"}fois

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
        [one] { $seconds }{"\u00A0"}seconde
       *[other] { $seconds }{"\u00A0"}secondes
    }
minutes-long =
    { $minutes ->
        [one] { $minutes }{"\u00A0"}minute
       *[other] { $minutes }{"\u00A0"}minutes
    }
duration-short =
    { $minutes ->
        [0] { $seconds }{"\u00A0"}s
       *[other] { $seconds ->
            [0] { $minutes }{"\u00A0"}min
           *[other] { $minutes }{"\u00A0"}min { $seconds }{"\u00A0"}s
        }
    }

## Dates.

date-weekday-short = { weekday-short }
date-day-month-short = { $day }{"\u00A0"}{ month-short }
date-long = { $day }{"\u00A0"}{ month-long } { $year }

date-day = { weekday-short } { $day }{"\u00A0"}{ month-short } { $year }
date-day-no-year = { weekday-short } { $day }{"\u00A0"}{ month-short }
date-range = du { $from } au { $until }
date-from = à partir du { $from }

## Le programme d'un patient : les étiquettes de la couverture.

patient-surgery-date = Date de l'opération
patient-start-date = Date de début

## Le tableau de suivi.

checklist-day = Jour { $number }

weekday-short =
    { $weekday ->
        [1] lun.
        [2] mar.
        [3] mer.
        [4] jeu.
        [5] ven.
        [6] sam.
       *[7] dim.
    }
month-short =
    { $month ->
        [1] janv.
        [2] févr.
        [3] mars
        [4] avr.
        [5] mai
        [6] juin
        [7] juil.
        [8] août
        [9] sept.
        [10] oct.
        [11] nov.
       *[12] déc.
    }
month-long =
    { $month ->
        [1] janvier
        [2] février
        [3] mars
        [4] avril
        [5] mai
        [6] juin
        [7] juillet
        [8] août
        [9] septembre
        [10] octobre
        [11] novembre
       *[12] décembre
    }
