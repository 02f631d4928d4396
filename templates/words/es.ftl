# Las palabras que handout escribe por sí mismo, en español.
# Los números llegan como variables ($seconds, $times...): el catálogo solo
# pone las palabras. Formato: Project Fluent, https://projectfluent.org/

# El idioma, con su propio nombre, para el selector de idioma del sitio.
language-name = Español

## La dosis, en frases (folleto y sitio) y en una línea corta (lista).

dose-hold = Mantenga la posición { duration-long }.
dose-repeat =
    { $side ->
        [leg] Repita { times } con cada pierna
        [arm] Repita { times } con cada brazo
        [side] Repita { times } de cada lado
       *[none] Repita { times }
    }.
dose-repeat-alternating =
    { $side ->
        [leg] Repita { times } con cada pierna, alternando las piernas
        [arm] Repita { times } con cada brazo, alternando los brazos
       *[side] Repita { times } de cada lado, alternando los lados
    }.
dose-per-day =
    { $max ->
        [one] { $max } vez al día.
       *[other] { $max } veces al día.
    }
dose-per-day-range = De { $min } a { $max } veces al día.
dose-short-hold = Mantener { duration-short }
dose-short-repeat =
    { $side ->
        [leg] { times } cada pierna
        [arm] { times } cada brazo
        [side] { times } cada lado
       *[none] { times }
    }
dose-short-separator = {" · "}

times =
    { $times ->
        [one] { $times } vez
       *[other] { $times } veces
    }

duration-long =
    { $minutes ->
        [0] { seconds-long }
       *[other] { $seconds ->
            [0] { minutes-long }
           *[other] { minutes-long } y { seconds-long }
        }
    }
seconds-long =
    { $seconds ->
        [one] { $seconds } segundo
       *[other] { $seconds } segundos
    }
minutes-long =
    { $minutes ->
        [one] { $minutes } minuto
       *[other] { $minutes } minutos
    }
duration-short =
    { $minutes ->
        [0] { $seconds } s
       *[other] { $seconds ->
            [0] { $minutes } min
           *[other] { $minutes } min { $seconds } s
        }
    }

## Fechas.

date-weekday-short = { weekday-short }
date-day-month-short = { $day } { month-short }
date-long = { $day } de { month-long } de { $year }

date-day = { weekday-short } { $day } { month-short } { $year }
date-day-no-year = { weekday-short } { $day } { month-short }
date-range = { $from } – { $until }
date-from = desde el { $from }

## El programa de un paciente: las etiquetas de la portada.

patient-surgery-date = Fecha de la cirugía
patient-start-date = Fecha de inicio

## La lista de control.

checklist-day = Día { $number }

weekday-short =
    { $weekday ->
        [1] lun
        [2] mar
        [3] mié
        [4] jue
        [5] vie
        [6] sáb
       *[7] dom
    }
month-short =
    { $month ->
        [1] ene
        [2] feb
        [3] mar
        [4] abr
        [5] may
        [6] jun
        [7] jul
        [8] ago
        [9] sept
        [10] oct
        [11] nov
       *[12] dic
    }
month-long =
    { $month ->
        [1] enero
        [2] febrero
        [3] marzo
        [4] abril
        [5] mayo
        [6] junio
        [7] julio
        [8] agosto
        [9] septiembre
        [10] octubre
        [11] noviembre
       *[12] diciembre
    }
