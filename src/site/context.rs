//! What the site's templates receive besides the publication's view: the
//! page's place in the site (its depth, canonical address, navigation).
//! templates/README.md documents every field; keep the two in step.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use tera::Value;

use crate::incremental::{Memo, Remembered};

use crate::view::{ExerciseView, HeadView, KindGroupView, LinkView, PhaseView, PublicationView};

/// The search page's address from the site's root.
pub const SEARCH_URL: &str = "search/index.html";

/// Variables every page has.
#[derive(Debug, Serialize)]
pub struct PageContext<T: Serialize> {
    /// The publication ([`SiteView`], serialized once for every page).
    pub site: Value,
    /// Relative path from this page back to the site's root: `""` or
    /// `"../../"`. Every link is written relative so the site works from
    /// a folder, a sub-path or file://; the `markdown` filter writes
    /// content links relative to it too.
    pub root: String,
    /// This page's path from the root, like `exercises/calf-stretch/`.
    pub path: String,
    /// The page's title for `<title>` (the site title is added by base.html).
    pub title: String,
    /// The absolute address of this page, when `base_url` is set.
    pub canonical: Option<String>,
    /// The root-relative URL of the navigation item this page belongs to,
    /// when it is not a navigation item itself: an exercise's phase.
    pub section: Option<String>,
    /// This page in every language of the site, this one included (one
    /// entry when the site has one language): for the language switcher
    /// and the `hreflang` alternates.
    pub languages: Vec<LanguageLink>,
    /// What the page shows.
    pub page: T,
}

/// The publication's settings and navigation, the same on every page.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView<'a> {
    /// The title, clinic, logo, disclaimer… (serialised flat:
    /// `site.title`). The 404 page uses `base_url`, since it is served at
    /// any depth.
    #[serde(flatten)]
    pub head: &'a HeadView,
    /// Phases and prose pages for the navigation, with root-relative URLs.
    pub nav: Vec<LinkView>,
    /// The checklist page's root-relative URL: the list of programs when
    /// the content publishes programs.
    pub checklist_url: String,
    /// Whether the site has a checklist page (none for a library with a
    /// phase too long to tick on a wall, and no programs).
    pub has_checklist: bool,
    /// The published programs, in the order of their ids.
    pub programs: Vec<ProgramLink>,
    /// The search page's root-relative URL.
    pub search_url: &'static str,
}

/// A published program, for lists of them.
#[derive(Debug, Clone, Serialize)]
pub struct ProgramLink {
    /// Its title.
    pub title: String,
    /// Its page, from the root.
    pub url: String,
    /// Its phases' titles, in order.
    pub phases: Vec<String>,
    /// How many exercises it has.
    pub exercises: usize,
}

impl SiteView<'_> {
    /// The site-wide variables of a publication.
    pub fn new<'a>(
        view: &'a PublicationView,
        checklist_url: &str,
        has_checklist: bool,
        programs: &[PublicationView],
    ) -> SiteView<'a> {
        let phases = view.phases.iter().map(|phase| LinkView {
            title: phase.title.clone(),
            url: phase.url.clone(),
        });
        SiteView {
            head: &view.head,
            nav: phases.chain(pages_on_site(view)).collect(),
            checklist_url: checklist_url.to_string(),
            has_checklist,
            programs: (programs.iter())
                .filter_map(|program| {
                    let about = program.program.as_ref()?;
                    Some(ProgramLink {
                        title: about.title.clone(),
                        url: about.url.clone()?,
                        phases: program.phases.iter().map(|p| p.title.clone()).collect(),
                        exercises: program.exercises().count(),
                    })
                })
                .collect(),
            search_url: SEARCH_URL,
        }
    }
}

/// The prose pages shown on the site, as links.
pub fn pages_on_site(view: &PublicationView) -> impl Iterator<Item = LinkView> + '_ {
    view.pages.iter().filter(|p| p.on_site).map(|p| LinkView {
        title: p.title.clone(),
        url: p.url.clone(),
    })
}

/// The library's exercises and phases as the templates see them, each
/// serialized once: the home page, the phases' pages and the search page
/// list the same thousands of exercises that have pages of their own.
/// (A serialized value is shared, not copied, by every page it is on, and
/// fingerprinted once for all of them: a [`Memo`].)
pub struct Shown {
    /// Each exercise, by id.
    exercises: HashMap<String, Memo<Value>>,
    /// Each phase, with its exercises, in order.
    phases: Vec<Memo<Value>>,
    /// Each phase as the home page shows it: its first exercises.
    home_phases: Vec<Memo<Value>>,
}

impl Shown {
    /// Serializes every exercise (on every core) and phase of `view`; an
    /// exercise whose view `kept` has serialized already is not again.
    pub fn new(view: &PublicationView, kept: Option<&Remembered<Value>>) -> Shown {
        let all: Vec<&ExerciseView> = view.exercises().collect();
        let values = crate::parallel::map(&all, 256, |exercise| {
            Memo::made(*exercise, || Value::from_serializable(*exercise), kept)
        });
        let exercises: HashMap<String, Memo<Value>> =
            all.iter().map(|e| e.id.clone()).zip(values).collect();
        let mut phases = Vec::new();
        let mut home_phases = Vec::new();
        for phase in &view.phases {
            let list: Vec<&Memo<Value>> = (phase.exercises.iter())
                .map(|e| &exercises[&e.id])
                .collect();
            let head = phase.without_exercises();
            let values = |list: &[&Memo<Value>]| {
                Value::from(list.iter().map(|e| e.value().clone()).collect::<Vec<_>>())
            };
            let value = with_fields(&head, [("exercises", values(&list))]);
            phases.push(Memo::new(value, &(&head, &list)));
            let first = &list[..list.len().min(HOME_CARDS)];
            let count = Value::from(list.len());
            let value = with_fields(
                &head,
                [("exercises", values(first)), ("exercise_count", count)],
            );
            home_phases.push(Memo::new(value, &(&head, first, list.len())));
        }
        Shown {
            exercises,
            phases,
            home_phases,
        }
    }

    /// An exercise, as serialized.
    pub fn exercise(&self, exercise: &ExerciseView) -> Memo<Value> {
        self.exercises[&exercise.id].clone()
    }

    /// Every phase, in order, as the home page shows it: its first
    /// [`HOME_CARDS`] exercises and how many it has.
    pub fn home_phases(&self) -> Vec<Memo<Value>> {
        self.home_phases.clone()
    }

    /// The phase at `index`, as serialized.
    pub fn phase(&self, index: usize) -> Memo<Value> {
        self.phases[index].clone()
    }
}

/// `head` serialized, with `fields` added (or replacing its own).
fn with_fields<const N: usize>(head: &impl Serialize, fields: [(&str, Value); N]) -> Value {
    let head = Value::from_serializable(head);
    let mut map: BTreeMap<String, Value> = (head.as_map().into_iter().flatten())
        .filter_map(|(key, value)| Some((key.as_str()?.to_string(), value.clone())))
        .collect();
    for (key, value) in fields {
        map.insert(key.to_string(), value);
    }
    Value::from_serializable(&map)
}

/// The home page shows a phase's first exercises up to this many, and
/// links to its page for the rest: a library of thousands would make it
/// megabytes long, too heavy for a phone.
pub const HOME_CARDS: usize = 12;

/// The home page.
#[derive(Debug, Serialize)]
pub struct HomeContext {
    /// The phases in order, each with its first [`HOME_CARDS`] exercises
    /// and `exercise_count`, how many it has.
    pub phases: Vec<Memo<Value>>,
    /// Prose pages shown on the site.
    pub pages: Vec<LinkView>,
}

/// A phase's exercises up to this many are one list on its page; more are
/// grouped by kind and position under a short index.
pub const GROUP_ABOVE: usize = 12;

/// A phase's page: the phase (its fields flat: `page.title`), and for a
/// long phase `grouped` and its exercises in `groups`, by kind and then
/// position.
pub fn phase_page(phase: &PhaseView, index: usize, shown: &Shown) -> Memo<Value> {
    let grouped = phase.exercises.len() > GROUP_ABOVE;
    let groups: Vec<KindGroupView<'_, Memo<Value>>> = if grouped {
        (phase.groups().into_iter())
            .map(|group| group.map_exercises(&|e| shown.exercise(e)))
            .collect()
    } else {
        Vec::new()
    };
    let head = shown.phase(index);
    let value = with_fields(
        head.value(),
        [
            ("grouped", Value::from(grouped)),
            ("groups", Value::from_serializable(&groups)),
        ],
    );
    Memo::new(value, &(&head, grouped, &groups))
}

/// The search page: every exercise, which its script filters.
#[derive(Debug, Serialize)]
pub struct SearchContext {
    /// Every exercise, by phase.
    pub exercises: Vec<Memo<Value>>,
}

/// One exercise's page.
#[derive(Debug, Serialize)]
pub struct ExerciseContext {
    /// The exercise.
    pub exercise: Memo<Value>,
}

/// The checklist page.
#[derive(Debug, Serialize)]
pub struct ChecklistContext<'a> {
    /// The checklist: phases, one week, rows (without dates: a start date
    /// belongs to one patient's printout, never to the website).
    pub checklist: crate::view::checklist::ChecklistView<'a>,
}

/// The list of programs.
#[derive(Debug, Serialize)]
pub struct ProgramsContext<'a> {
    /// The published programs.
    pub programs: &'a [ProgramLink],
}

/// A published program's page: what it is and its checklist.
#[derive(Debug, Serialize)]
pub struct ProgramContext<'a> {
    /// Its title and id.
    pub program: &'a crate::view::program::ProgramView,
    /// Its phases, each with its exercises and their doses.
    pub phases: &'a [PhaseView],
    /// Its checklist, one week, without dates.
    pub checklist: crate::view::checklist::ChecklistView<'a>,
}

/// A page in one of the site's languages.
#[derive(Debug, Clone, Serialize)]
pub struct LanguageLink {
    /// The language's tag, like `es`, for `hreflang` and `lang`.
    pub code: String,
    /// The language's name in itself, like `Español`.
    pub name: String,
    /// The page in that language, relative to this page.
    pub url: String,
    /// The page's absolute address in that language, when `base_url` is
    /// set.
    pub href: Option<String>,
    /// Whether it is this page's language.
    pub current: bool,
}

/// The sitemap.
#[derive(Debug, Serialize)]
pub struct SitemapContext {
    /// Every page, in every language.
    pub urls: Vec<SitemapUrl>,
    /// Whether the site has several languages, so each page lists its
    /// alternates.
    pub alternates: bool,
}

/// A page of the sitemap.
#[derive(Debug, Serialize)]
pub struct SitemapUrl {
    /// Its absolute address.
    pub loc: String,
    /// The same page in every language, this one included, when the site
    /// has more than one: `code` and `href`.
    pub alternates: Vec<LanguageLink>,
}
