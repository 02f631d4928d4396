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

## Combien de fois et combien de temps, sans point final.

per-day = { $count }{"\u00A0"}fois par jour
per-day-range = { $min } à { $max }{"\u00A0"}fois par jour
weeks =
    { $count ->
        [one] { $count }{"\u00A0"}semaine
       *[other] { $count }{"\u00A0"}semaines
    }
weeks-range = { $min } à { $max }{"\u00A0"}semaines
per-day-varies = aussi souvent que l’indique chaque exercice

## Les types d'exercice.

kind-stretch = Étirement
kind-strengthen = Renforcement

## Les étiquettes communes à toutes les sorties. Une espace insécable
## précède les deux-points, comme le veut la typographie française.

phase-number = Phase { $number }
label-when-to-start = Quand commencer{"\u00A0"}:
label-when = Quand{"\u00A0"}:
label-how-often = Combien de fois{"\u00A0"}:
label-how-long = Pendant combien de temps{"\u00A0"}:
label-how-much = Dose{"\u00A0"}:
label-position = Position{"\u00A0"}:
label-you-need = Matériel{"\u00A0"}:
label-breathing = Respiration{"\u00A0"}:
label-be-careful = Attention{"\u00A0"}:
label-your-dates = Vos dates{"\u00A0"}:
label-for = Pour{"\u00A0"}:
label-your-clinician = Votre soignant{"\u00A0"}:
label-phone = Téléphone{"\u00A0"}:
label-website = Site web{"\u00A0"}:
label-of = { $label }{"\u00A0"}:
heading-how-much = Dose
heading-steps = Étapes
heading-breathing = Respiration
heading-be-careful = Attention
heading-position = Position
heading-you-need = Matériel
heading-phase = Phase
nothing-needed = Rien
exercise-count =
    { $count ->
        [one] { $count } exercice
       *[other] { $count } exercices
    }
list-then = {", puis "}
list-and = {", "}

## Les figures des exercices : les étiquettes des deux dessins (la
## position de départ du mouvement et celle où il s'arrête), et le bouton
## du site qui montre le mouvement et l'arrête.

figure-start = Début
figure-end = Fin
figure-play = Voir le mouvement
figure-stop = Arrêter le mouvement
# La planche des figures (`handout figures`), que la clinique relit.
figures-sheet-name = figures
figures-sheet-lead = La figure de chaque exercice telle que le livret l'imprime, avec sa description, pour vérifier les dessins.
figures-sheet-file = Un fichier d'image, pas un dessin{"\u00A0"}:
figures-sheet-none = Pas encore de figure.

## Quand une partie n'est pas encore traduite (avec `translations: warn`).

untranslated = Cette partie n'est pas encore traduite. Elle est affichée dans sa langue d'origine.
draft = Brouillon : pas encore publié. La version publiée laisse cette page de côté tant que son `draft: true` reste.

## Le site web.

site-skip-link = Aller au contenu principal
site-nav-label = Principale
site-breadcrumb-label = Fil d'Ariane
site-languages-label = Cette page dans d'autres langues
site-home = Accueil
site-checklist = Fiche de suivi
site-programs = Programmes
site-search = Rechercher
site-important = Important
site-contact-heading = Des questions{"\u00A0"}? Contactez votre clinique
home-how-to-use = Comment utiliser ce guide
home-phases =
    { $count ->
        [one] Vos exercices forment une seule phase.
       *[other] Vos exercices se font en { $count } phases. Commencez par la première. Votre équipe soignante vous dira quand passer à la suivante.
    }
home-read-first = Avant de commencer, lisez{"\u00A0"}:
home-programs = Les programmes que votre équipe soignante peut vous donner, chacun avec sa fiche de suivi{"\u00A0"}:
phase-about = À propos de cette phase
# On the home page, under the first exercises of a long phase.
phase-all-exercises = Voir les { exercise-count }
phase-exercises-heading = Les exercices de cette phase
phase-group-index = { exercise-count }, par type et position de départ
checklist-print-link = Imprimez la fiche de suivi
checklist-print-link-program = Imprimez la fiche de suivi de votre programme
checklist-print-link-phase = Imprimez la fiche de suivi de cette phase
checklist-print-link-rest = et cochez une case chaque fois que vous faites un exercice.
pager-label = Exercices de { $phase }
pager-previous = Exercice précédent
pager-up = Retour à la phase
pager-next = Exercice suivant
search-title = Trouver un exercice
search-label = Mots à chercher, comme «{"\u00A0"}mollet{"\u00A0"}» ou «{"\u00A0"}allongé sur le dos{"\u00A0"}»
search-all = Les { exercise-count }, par phase{"\u00A0"}:
search-none = Aucun exercice ne correspond. Essayez avec moins de mots ou d'autres mots.
search-matches =
    { $count ->
        [one] { $count } exercice correspond.
       *[other] { $count } exercices correspondent.
    }
not-found-title = Page introuvable
not-found-text = Désolés, nous ne trouvons pas la page demandée. Elle a peut-être été déplacée, ou l'adresse contient une faute de frappe.
not-found-home = Allez à la page d'accueil
not-found-rest = pour voir tous les exercices, ou choisissez une rubrique{"\u00A0"}:
programs-lead = Votre équipe soignante vous donne l'un de ces programmes. Chacun a une fiche de suivi à imprimer et à coller sur le frigo.
programs-item = { exercise-count } dans { $phases }
program-checklist-title = { $program }{"\u00A0"}: fiche de suivi des exercices

## La fiche de suivi, sur le site et dans son PDF.

checklist-title = Fiche de suivi des exercices
checklist-lead = Imprimez-la, collez-la au mur ou sur le frigo, et cochez une case chaque fois que vous faites un exercice. Chaque phase s'imprime sur une page à l'italienne.
checklist-solid = Les cases en trait plein sont les séances demandées par votre équipe soignante.
checklist-dashed = Les cases en pointillés
checklist-dashed-rest = sont des fois en plus, facultatives.
checklist-tick-here = Vous pouvez aussi cocher les cases sur cette page.
checklist-remembered = Ce navigateur garde vos coches en mémoire.
checklist-print = Imprimer la fiche
checklist-clear = Effacer toutes les coches
checklist-clear-confirm = Effacer toutes les coches de cette fiche{"\u00A0"}?
checklist-tick-each-time = Cochez une case à chaque fois.
checklist-dashed-optional = Les cases en pointillés sont facultatives.
checklist-tick-each-exercise = Cochez une case chaque fois que vous faites l'exercice.
checklist-dashed-extra = Les cases en pointillés sont des fois en plus, si vous pouvez.
checklist-week-of = Semaine du
checklist-week-number = Semaine { $number } sur { $count }
checklist-exercise = Exercice
checklist-notes = Notes
checklist-boxes-label = { $phase }{"\u00A0"}: cases à cocher
checklist-caption = { $phase }{"\u00A0"}: une ligne par exercice, une colonne par jour, une case pour chaque fois
checklist-box-time =
    { $number ->
        [1] 1re fois sur { $count }
       *[other] { $number }e fois sur { $count }
    }
checklist-box-optional = (facultatif)
checklist-call = Des questions{"\u00A0"}? Appelez le { $phone }
checklist-call-clinic = Des questions{"\u00A0"}? Appelez { $clinic } au { $phone }
checklist-call-worries = Des questions ou des inquiétudes{"\u00A0"}? Appelez le { $phone }.
checklist-call-worries-clinic = Des questions ou des inquiétudes{"\u00A0"}? Appelez { $clinic } au { $phone }.

## Le livret imprimé.

handout-subject = Exercices à la maison
handout-how-to-use-label = Comment utiliser ce livret{"\u00A0"}:
handout-how-to-use = Faites seulement les exercices de la phase où vous êtes. Chaque exercice indique combien de temps tenir la position, combien de fois le répéter et combien de fois par jour. Cochez-les sur la fiche de suivi. Gardez ce livret et apportez-le à vos rendez-vous.
handout-contents = Sommaire
handout-notes-for-you = Notes pour vous
handout-note-for-you = Une note pour vous{"\u00A0"}:
handout-set-for-you = Adapté pour vous par votre équipe soignante.
handout-qr = Scannez avec l'appareil photo de votre téléphone pour voir ces exercices en ligne
handout-qr-exercise = Scannez pour voir cet exercice en ligne
page-number = Page { $number } sur { $count }

## Les étiquettes des encadrés du PDF quand ils n'en donnent pas.

box-dose = Dose
box-note = Note
box-tip = Conseil
box-important = Important
box-warning = Avertissement
box-caution = Attention

## Ce que dit un lecteur d'écran dans un PDF là où la page n'a pas de mots.

pdf-box-not-done = Non coché
pdf-box-done = Fait
pdf-link-page = Aller à la page { $page }
pdf-link-call = Appeler le { $phone }
pdf-link-email = Écrire à { $address }
pdf-link-open = Ouvrir { $address }

## Quand demander de l’aide : les titres des signes d’alerte. Les signes
## sont ceux de la clinique, dans handout.yaml.

warning-signs-title = Quand demander de l’aide
warning-signs-label = Quand demander de l’aide{"\u00A0"}:
warning-signs-lead = La plupart des personnes se rétablissent bien après une opération du dos. Ces signes demandent un appel. N’attendez pas votre prochain rendez-vous.
warning-signs-emergency = Appelez le { $number } tout de suite si{"\u00A0"}:
warning-signs-clinic = Appelez votre clinique aujourd’hui si{"\u00A0"}:
warning-signs-clinic-phone = Appelez votre clinique aujourd’hui, au { $phone }, si{"\u00A0"}:
warning-signs-emergency-short = Appelez le { $number } tout de suite{"\u00A0"}:
warning-signs-clinic-short = Appelez votre clinique{"\u00A0"}:
warning-signs-clinic-phone-short = Appelez votre clinique, au { $phone }{"\u00A0"}:
warning-signs-all = Tous les signes d’alerte
warning-signs-footer = Un signe d’alerte{"\u00A0"}? Appelez le { $number } tout de suite. Votre livret les liste tous.

## The site on a phone (issue 25): an exercise page's box of warning
## signs, the checklist's weeks, the 404 page's other languages.

stop-and-call = Arrêtez et appelez
checklist-previous-week = Semaine précédente
checklist-next-week = Semaine suivante
checklist-start-label = Le jour où vous avez commencé cette phase (gardé sur cet appareil seulement)
checklist-skip = Passer les cases de { $phase }
checklist-clear-week = Effacer les coches de cette semaine
checklist-clear-week-confirm = Effacer les coches de cette semaine{"\u00A0"}?
checklist-print-ticks = Imprimer avec mes coches
checklist-today = aujourd’hui
site-menu = Menu
site-print-page = Imprimer cet exercice
site-reviewed-on = Revu le { $date }

## La page personnelle du patient sur le site (`my/`) et les rappels (un
## fichier de calendrier).

patient-link-qr = Scannez pour voir vos exercices et vos doses sur votre téléphone
patient-link-private = Ce lien contient vos exercices, pas votre nom.
my-title = Vos exercices
my-lead = Vos exercices, vos doses et vos dates, d'après le code de votre livret.
my-private = Votre programme est seulement dans l'adresse de cette page : le site ne le garde pas et ne sait pas qui vous êtes. Vos coches restent sur cet appareil.
my-no-program = Ouvrez cette page avec le code QR ou le lien de votre livret.
my-invalid = Ce lien est abîmé ou incomplet : il ne peut pas montrer vos exercices. Scannez de nouveau le code de votre livret, ou demandez à votre équipe soignante.
my-missing =
    { $count ->
        [one] Un exercice de votre programme n'est plus sur ce site. Demandez à votre équipe soignante.
       *[other] { $count } exercices de votre programme ne sont plus sur ce site. Demandez à votre équipe soignante.
    }
my-today = Aujourd'hui, vous êtes dans : { $phase }
my-not-started = Votre programme commence le { $from }.
my-ended = Les dates de votre programme sont passées. Demandez à votre équipe soignante quoi faire ensuite.
my-steps = Touchez un exercice pour voir comment le faire. Si sa page donne une autre dose, suivez la dose de cette page : votre équipe soignante l'a adaptée pour vous.
my-now = Maintenant
my-this-week = La fiche de cette semaine
my-week-lead = Cochez une case chaque fois que vous faites un exercice.
my-calendar = Ajouter des rappels à votre calendrier
my-calendar-lead = Un fichier de calendrier avec un rappel à chaque heure d'exercice, chaque jour de chaque phase. Ouvrez-le avec le calendrier de votre téléphone.
ics-summary = Exercices : { $phase }
ics-exercises = Exercices du jour :
ics-open = Vos exercices et vos doses : { $address }
ics-alarm = C'est l'heure de vos exercices

# The head over the rest of an exercise that goes on over the page.
pdf-continued = { $label } (suite)

# After a link to another part of a PDF, where that part is printed.
pdf-page-reference = (page { $page })
