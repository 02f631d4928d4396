//! The fields of every mapping in the content files, each declared once
//! with its kind: validation reads a source file against these tables,
//! and a translation takes the fields that are words and refuses those
//! that are not (their value lives in the source, the same for every
//! language). A new field is added here, and both know it.

/// What a field holds, as translations see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Words in the file's language (a title, the steps, a figure's alt
    /// text, or a group of fields with words among them): a translation
    /// holds them.
    Words,
    /// A number, a choice, a date, a path or an id (a dose, an order, a
    /// phase, the paper): it lives in the source only, the same for every
    /// language.
    Fixed,
}

/// One field of a mapping: its name and kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Field {
    /// The name, as written in the YAML.
    pub name: &'static str,
    /// What it holds.
    pub kind: Kind,
}

/// The fields of one kind of mapping, in the order the content's README
/// lists them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Schema(&'static [Field]);

impl Schema {
    /// Every field's name: what a source file may hold.
    pub(crate) fn names(self) -> Vec<&'static str> {
        self.0.iter().map(|f| f.name).collect()
    }

    /// The names of the fields of `kind`, in order.
    pub(crate) fn of(self, kind: Kind) -> Vec<&'static str> {
        (self.0.iter())
            .filter(|f| f.kind == kind)
            .map(|f| f.name)
            .collect()
    }
}

const fn words(name: &'static str) -> Field {
    Field {
        name,
        kind: Kind::Words,
    }
}

const fn fixed(name: &'static str) -> Field {
    Field {
        name,
        kind: Kind::Fixed,
    }
}

/// `handout.yaml`.
pub(crate) const SETTINGS: Schema = Schema(&[
    words("title"),
    words("subtitle"),
    fixed("language"),
    fixed("languages"),
    fixed("translations"),
    fixed("paper"),
    fixed("layout"),
    words("clinic"),
    fixed("base_url"),
    words("disclaimer"),
    fixed("large_print"),
    fixed("start_date"),
    fixed("theme"),
    fixed("fonts"),
    words("warning_signs"),
    fixed("readability"),
    fixed("session_times"),
]);

/// `theme:` in handout.yaml.
pub(crate) const THEME: Schema = Schema(&[fixed("accent"), fixed("logo")]);

/// `clinic:` in handout.yaml.
pub(crate) const CLINIC: Schema = Schema(&[words("name"), fixed("phone"), fixed("website")]);

/// `warning_signs:` in handout.yaml.
pub(crate) const WARNING_SIGNS: Schema = Schema(&[
    fixed("emergency_number"),
    words("emergency"),
    words("clinic"),
]);

/// Each list of `warning_signs:` (`emergency:`, `clinic:`).
pub(crate) const SIGN_LIST: Schema = Schema(&[words("summary"), words("signs")]);

/// A phase's front matter.
pub(crate) const PHASE: Schema = Schema(&[
    words("title"),
    fixed("order"),
    words("starts"),
    fixed("times_per_day"),
    fixed("weeks"),
]);

/// An exercise.
pub(crate) const EXERCISE: Schema = Schema(&[
    words("title"),
    fixed("phase"),
    fixed("order"),
    fixed("kind"),
    words("summary"),
    words("position"),
    words("equipment"),
    fixed("dose"),
    words("steps"),
    words("cautions"),
    words("breathing"),
    words("figure"),
    fixed("draft"),
    fixed("last_reviewed"),
]);

/// An exercise's `dose:`.
pub(crate) const DOSE: Schema = Schema(&[
    fixed("hold"),
    fixed("repeat"),
    fixed("each"),
    fixed("alternate"),
    fixed("times_per_day"),
]);

/// An exercise's `figure:`.
pub(crate) const FIGURE: Schema = Schema(&[
    words("alt"),
    fixed("image"),
    fixed("pose"),
    fixed("props"),
    fixed("target"),
    fixed("start"),
    fixed("end"),
]);

/// A prose page's front matter.
pub(crate) const PAGE: Schema = Schema(&[
    words("title"),
    fixed("order"),
    fixed("appears_in"),
    fixed("draft"),
]);

/// A published program.
pub(crate) const PROGRAM: Schema = Schema(&[words("title"), fixed("phases")]);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_table_names_a_field_once() {
        for schema in [
            SETTINGS,
            THEME,
            CLINIC,
            WARNING_SIGNS,
            SIGN_LIST,
            PHASE,
            EXERCISE,
            DOSE,
            FIGURE,
            PAGE,
            PROGRAM,
        ] {
            let mut names = schema.names();
            let count = names.len();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), count, "{schema:?}");
        }
    }

    #[test]
    fn doses_and_orders_are_never_translated() {
        assert_eq!(
            EXERCISE.of(Kind::Words),
            [
                "title",
                "summary",
                "position",
                "equipment",
                "steps",
                "cautions",
                "breathing",
                "figure"
            ]
        );
        assert!(EXERCISE.of(Kind::Fixed).contains(&"dose"));
        assert!(DOSE.of(Kind::Words).is_empty());
        assert!(THEME.of(Kind::Words).is_empty());
        assert_eq!(PHASE.of(Kind::Fixed), ["order", "times_per_day", "weeks"]);
    }
}
