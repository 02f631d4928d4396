# Las palabras que handout escribe por sí mismo, en español.
# Los números llegan como variables ($seconds, $times...): el catálogo solo
# pone las palabras. Formato: Project Fluent, https://projectfluent.org/

# El idioma, con su propio nombre, para el selector de idioma del sitio.
language-name = Español

## La dosis, en frases (folleto y sitio) y en una línea corta (hoja para marcar).

dose-hold = Mantenga la posición durante { duration-long }.
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
        [one] Una vez al día.
       *[other] { $max } veces al día.
    }
dose-per-day-range = De { $min } a { $max } veces al día.
dose-short-hold = Mantenga { duration-short }
dose-short-repeat =
    { $side ->
        [leg] { times } por pierna
        [arm] { times } por brazo
        [side] { times } por lado
       *[none] { times }
    }
dose-short-separator = {" · "}

times =
    { $times ->
        [one] una vez
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

# Sobre la columna de un día: «ma» sobre «2 mar» (dos letras, como en los
# calendarios, para que «mar» no sea a la vez martes y marzo).
date-weekday-short = { weekday-two-letters }
date-day-month-short = { $day } { month-short }
date-long = { $day } de { month-long } de { $year }

# En el texto, el día y el mes con todas sus letras: «martes 2 de marzo».
date-day = { weekday-long } { $day } de { month-long } de { $year }
date-day-no-year = { weekday-long } { $day } de { month-long }
date-range = { $from } – { $until }
date-from = a partir del { $from }

## El programa de un paciente: las etiquetas de la portada.

patient-surgery-date = Fecha de la cirugía
patient-start-date = Fecha de inicio

## La hoja para marcar.

checklist-day = Día { $number }

weekday-long =
    { $weekday ->
        [1] lunes
        [2] martes
        [3] miércoles
        [4] jueves
        [5] viernes
        [6] sábado
       *[7] domingo
    }
weekday-two-letters =
    { $weekday ->
        [1] lu
        [2] ma
        [3] mi
        [4] ju
        [5] vi
        [6] sá
       *[7] do
    }
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

## Cuántas veces y durante cuánto tiempo, sin punto final.

per-day =
    { $count ->
        [one] una vez al día
       *[other] { $count } veces al día
    }
per-day-range = de { $min } a { $max } veces al día
weeks =
    { $count ->
        [one] { $count } semana
       *[other] { $count } semanas
    }
weeks-range = de { $min } a { $max } semanas
per-day-varies = con la frecuencia que indica cada ejercicio

## Los tipos de ejercicio.

kind-stretch = Estiramiento
kind-strengthen = Fortalecimiento

## Etiquetas que comparten todas las salidas.

phase-number = Fase { $number }
label-when-to-start = Cuándo empezar:
label-when = Cuándo:
label-how-often = Con qué frecuencia:
label-how-long = Durante cuánto tiempo:
label-how-much = Cuánto:
label-position = Posición:
label-you-need = Necesita:
label-breathing = Respiración:
label-be-careful = Tenga cuidado:
label-your-dates = Sus fechas:
label-for = Para:
label-your-clinician = Su profesional de salud:
label-phone = Teléfono:
label-website = Sitio web:
label-of = { $label }:
heading-how-much = Cuánto
heading-steps = Pasos
heading-breathing = Respiración
heading-be-careful = Tenga cuidado
heading-position = Posición
heading-you-need = Necesita
heading-phase = Fase
nothing-needed = Nada
exercise-count =
    { $count ->
        [one] { $count } ejercicio
       *[other] { $count } ejercicios
    }
list-then = {", luego "}
list-and = {", "}

## Las figuras de los ejercicios: las etiquetas de los dos dibujos (la
## posición en que empieza el movimiento y la posición en que termina) y
## el botón del sitio que muestra el movimiento y lo detiene.

figure-start = Inicio
figure-end = Final
figure-play = Ver el movimiento
figure-stop = Detener el movimiento
# La hoja de las figuras (`handout figures`), para que la clínica las revise.
figures-sheet-name = figuras
figures-sheet-lead = La figura de cada ejercicio tal como la imprime el folleto, con su descripción, para revisar los dibujos.
figures-sheet-file = Un archivo de imagen, no un dibujo:
figures-sheet-none = Todavía no tiene figura.

## Cuando una parte todavía no está traducida (con `translations: warn`).

untranslated = Esta parte todavía no está traducida. Se muestra en su idioma original.
draft = Borrador: todavía no está publicado. La versión publicada no incluye esta página hasta que se quite su `draft: true`.

## El sitio web.

site-skip-link = Ir al contenido principal
site-nav-label = Principal
site-breadcrumb-label = Ruta de navegación
site-languages-label = Esta página en otros idiomas
site-home = Inicio
site-checklist = Hoja para marcar
site-programs = Programas
site-search = Buscar
site-important = Importante
site-contact-heading = ¿Preguntas? Llame a su clínica
home-how-to-use = Cómo usar esta guía
home-phases =
    { $count ->
        [one] Sus ejercicios forman una sola fase.
       *[other] Sus ejercicios se dividen en { $count } fases. Empiece por la primera. Su equipo de atención médica le dirá cuándo está listo para la siguiente.
    }
home-read-first = Antes de empezar, lea:
home-programs = Programas que su equipo de atención médica le puede dar, cada uno con su hoja para marcar en la pared:
phase-about = Sobre esta fase
# On the home page, under the first exercises of a long phase.
phase-all-exercises = Vea los { exercise-count }
phase-exercises-heading = Ejercicios de esta fase
phase-group-index = { exercise-count }, por tipo y posición inicial
checklist-print-link = Imprima la hoja para marcar en la pared
checklist-print-link-program = Imprima la hoja para marcar de su programa
checklist-print-link-phase = Imprima la hoja para marcar de esta fase
checklist-print-link-rest = y marque una casilla cada vez que haga un ejercicio.
pager-label = Ejercicios de { $phase }
pager-previous = Ejercicio anterior
pager-up = Volver a la fase
pager-next = Ejercicio siguiente
search-title = Buscar un ejercicio
search-label = Palabras que buscar, como «pantorrilla» o «boca arriba»
search-all = Los { exercise-count }, por fase:
search-none = Ningún ejercicio coincide. Pruebe con menos palabras o con otras.
search-matches =
    { $count ->
        [one] { $count } ejercicio coincide.
       *[other] { $count } ejercicios coinciden.
    }
not-found-title = Página no encontrada
not-found-text = Lo sentimos, no encontramos la página que busca. Puede haberse movido, o la dirección puede tener un error.
not-found-home = Vaya a la página de inicio
not-found-rest = para ver todos los ejercicios, o elija una sección:
programs-lead = Su equipo de atención médica le da uno de estos programas. Cada uno tiene una hoja para marcar, para imprimir y pegar en el refrigerador.
programs-item = { exercise-count } en { $phases }
program-checklist-title = { $program }: hoja para marcar sus ejercicios

## La hoja para marcar, en el sitio y en su PDF.

checklist-title = Hoja para marcar sus ejercicios
checklist-lead = Imprímala, péguela en la pared o en el refrigerador, y marque una casilla cada vez que haga un ejercicio. Cada fase se imprime en una página horizontal.
checklist-solid = Las casillas de línea continua son las veces que pide su equipo de atención médica.
checklist-dashed = Las casillas de línea punteada
checklist-dashed-rest = son veces extra, si puede.
checklist-tick-here = También puede marcar las casillas en esta página.
checklist-remembered = Este navegador recuerda sus marcas.
checklist-print = Imprimir la hoja
checklist-clear = Borrar todas las marcas
checklist-clear-confirm = ¿Borrar todas las marcas de esta hoja?
checklist-tick-each-time = Marque una casilla cada vez.
checklist-dashed-optional = Las casillas de línea punteada son opcionales.
checklist-tick-each-exercise = Marque una casilla cada vez que haga el ejercicio.
checklist-dashed-extra = Las casillas de línea punteada son veces extra, si puede.
checklist-week-of = Semana del
checklist-week-number = Semana { $number } de { $count }
checklist-exercise = Ejercicio
checklist-notes = Notas
checklist-boxes-label = { $phase }: casillas para marcar
checklist-caption = { $phase }: una fila por ejercicio, una columna por día, una casilla por cada vez que lo haga
checklist-box-time = vez { $number } de { $count }
checklist-box-optional = (opcional)
checklist-call = ¿Preguntas? Llame al { $phone }
checklist-call-clinic = ¿Preguntas? Llame a { $clinic } al { $phone }
checklist-call-worries = ¿Preguntas o dudas? Llame al { $phone }.
checklist-call-worries-clinic = ¿Preguntas o dudas? Llame a { $clinic } al { $phone }.

## El folleto impreso.

handout-subject = Ejercicios en casa
handout-how-to-use-label = Cómo usar este folleto:
handout-how-to-use = Haga solo los ejercicios de la fase en la que está. Cada ejercicio dice cuánto tiempo mantener la posición, cuántas veces repetirlo y cuántas veces al día. Márquelos en la hoja para marcar de la pared. Guarde este folleto y tráigalo a sus citas.
handout-contents = Contenido
handout-notes-for-you = Notas para usted
handout-note-for-you = Una nota para usted:
handout-set-for-you = Indicado para usted por su equipo de atención médica.
handout-qr = Escanee con la cámara de su teléfono para ver estos ejercicios en internet
handout-qr-exercise = Escanee para ver este ejercicio en internet
page-number = Página { $number } de { $count }

## Las etiquetas de los recuadros del PDF cuando no traen la suya.

box-dose = Cuánto
box-note = Nota
box-tip = Consejo
box-important = Importante
box-warning = Atención
box-caution = Precaución

## Lo que dice un lector de pantalla en un PDF donde la página no muestra
## palabras.

pdf-box-not-done = Sin marcar
pdf-box-done = Hecho
pdf-link-page = Ir a la página { $page }
pdf-link-call = Llamar al { $phone }
pdf-link-email = Escribir a { $address }
pdf-link-open = Abrir { $address }

## Cuándo pedir ayuda: los títulos de las señales de alarma. Las señales
## son las de la clínica, en handout.yaml.

warning-signs-title = Cuándo pedir ayuda
warning-signs-label = Cuándo pedir ayuda:
warning-signs-lead = La mayoría de las personas se recuperan bien después de una cirugía de columna. Estas señales requieren una llamada. No espere a su próxima cita.
warning-signs-emergency = Llame al { $number } de inmediato si:
warning-signs-clinic = Llame hoy mismo a su clínica si:
warning-signs-clinic-phone = Llame hoy mismo a su clínica, al { $phone }, si:
warning-signs-emergency-short = Llame al { $number } ya:
warning-signs-clinic-short = Llame a su clínica:
warning-signs-clinic-phone-short = Llame a su clínica, al { $phone }:
warning-signs-all = Todas las señales de alarma
warning-signs-footer = ¿Una señal de alarma? Llame al { $number } ya. Su folleto las lista todas.

## The site on a phone (issue 25): an exercise page's box of warning
## signs, the checklist's weeks, the 404 page's other languages.

stop-and-call = Pare y llame
checklist-previous-week = Semana anterior
checklist-next-week = Semana siguiente
checklist-start-label = El día en que empezó esta fase (solo se guarda en este aparato)
checklist-skip = Saltar las casillas de { $phase }
checklist-clear-week = Borrar las marcas de esta semana
checklist-clear-week-confirm = ¿Borrar las marcas de esta semana?
checklist-print-ticks = Imprimir con mis marcas
checklist-today = hoy
site-menu = Menú
site-print-page = Imprimir este ejercicio
site-reviewed-on = Revisado el { $date }

## La página propia del paciente en el sitio (`my/`) y los recordatorios
## (un archivo de calendario).

patient-link-qr = Escanee para ver sus ejercicios y sus dosis en su teléfono
patient-link-private = Este enlace guarda sus ejercicios, no su nombre.
my-title = Sus ejercicios
my-lead = Sus propios ejercicios, dosis y fechas, del código de su folleto.
my-private = Su programa está solo en la dirección de esta página: el sitio no lo guarda y no sabe quién es usted. Sus marcas se quedan en este dispositivo.
my-no-program = Abra esta página con el código QR o el enlace de su folleto.
my-invalid = Este enlace está dañado o incompleto, así que no puede mostrar sus ejercicios. Escanee de nuevo el código de su folleto o pregunte a su equipo de atención médica.
my-missing =
    { $count ->
        [one] Un ejercicio de su programa ya no está en este sitio. Pregunte a su equipo de atención médica.
       *[other] { $count } ejercicios de su programa ya no están en este sitio. Pregunte a su equipo de atención médica.
    }
my-today = Hoy está en: { $phase }
my-not-started = Su programa empieza el { $from }.
my-ended = Las fechas de su programa ya pasaron. Pregunte a su equipo de atención médica qué hacer ahora.
my-steps = Toque un ejercicio para ver cómo hacerlo. Si su página da otra dosis, siga la dosis de esta página: su equipo de atención médica la indicó para usted.
my-now = Ahora
my-this-week = La hoja de esta semana
my-week-lead = Marque una casilla cada vez que haga un ejercicio.
my-calendar = Añadir recordatorios a su calendario
my-calendar-lead = Un archivo de calendario con un recordatorio a cada hora de ejercicio, todos los días de cada fase. Ábralo con el calendario de su teléfono.
ics-summary = Ejercicios: { $phase }
ics-exercises = Ejercicios de hoy:
ics-open = Sus ejercicios y sus dosis: { $address }
ics-alarm = Es la hora de sus ejercicios

# The head over the rest of an exercise that goes on over the page.
pdf-continued = { $label } (continuación)

# After a link to another part of a PDF, where that part is printed.
pdf-page-reference = (página { $page })
