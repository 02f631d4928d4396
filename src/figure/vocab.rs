//! The words a therapist may write in a `figure:` map: postures, props and
//! joints, each with its YAML name, and for joints the anatomical range and
//! each posture's neutral angle.
//!
//! Everything that names or limits the vocabulary lives here, so the
//! validator, the drawing code and content/README.md cannot drift apart.

/// The base posture of a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Posture {
    /// `lying-on-back`: head on the left, feet on the right, face up.
    LyingOnBack,
    /// `lying-on-side`: drawn as seen from above, head on the left.
    LyingOnSide,
    /// `sitting`: on a chair, a bed edge or a stool, feet on the floor.
    Sitting,
    /// `standing`: upright, facing right.
    Standing,
    /// `all-fours`: on hands and knees, facing right.
    AllFours,
}

impl Posture {
    /// Every posture, in the order the documentation lists them.
    pub const ALL: [Posture; 5] = [
        Posture::LyingOnBack,
        Posture::LyingOnSide,
        Posture::Sitting,
        Posture::Standing,
        Posture::AllFours,
    ];

    /// The name written in YAML.
    pub fn name(self) -> &'static str {
        match self {
            Posture::LyingOnBack => "lying-on-back",
            Posture::LyingOnSide => "lying-on-side",
            Posture::Sitting => "sitting",
            Posture::Standing => "standing",
            Posture::AllFours => "all-fours",
        }
    }

    /// The posture with this YAML name.
    pub fn from_name(name: &str) -> Option<Posture> {
        Posture::ALL.into_iter().find(|p| p.name() == name)
    }

    /// True for the postures where the body rests along a bed, mat or floor.
    pub fn is_lying(self) -> bool {
        matches!(self, Posture::LyingOnBack | Posture::LyingOnSide)
    }

    /// The angle a joint takes in this posture when the therapist does not
    /// give one.
    pub fn neutral(self, joint: Joint) -> f64 {
        use LimbJoint::*;
        let Joint::Limb(limb, _) = joint else {
            return 0.0;
        };
        match (self, limb) {
            (Posture::Sitting, Hip | Knee) => 90.0,
            // Hands resting on the thighs rather than hanging through the seat.
            (Posture::Sitting, Shoulder) => 15.0,
            (Posture::Sitting, Elbow) => 50.0,
            // Arms are longer than thighs, so on hands and knees the trunk
            // tilts up a little towards the shoulders; 80° keeps the thighs
            // and arms vertical.
            (Posture::AllFours, Hip | Shoulder) => 80.0,
            (Posture::AllFours, Knee) => 90.0,
            (Posture::AllFours, Ankle) => -50.0,
            _ => 0.0,
        }
    }

    /// How far the whole body is turned, in degrees anticlockwise, from a
    /// person standing upright and facing right.
    pub(crate) fn turn(self) -> f64 {
        match self {
            Posture::LyingOnBack | Posture::LyingOnSide => 90.0,
            Posture::Sitting | Posture::Standing => 0.0,
            Posture::AllFours => -80.0,
        }
    }
}

/// Equipment drawn with the figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Prop {
    /// `mat`: a thin exercise mat on the floor.
    Mat,
    /// `bed`: a bed; lying figures lie on it, sitting figures sit on its edge.
    Bed,
    /// `wall`: a wall just in front of the figure; forward-reaching hands
    /// lean on it.
    Wall,
    /// `chair`: a chair with a back; sitting figures sit on it.
    Chair,
    /// `counter`: a kitchen counter in front of the figure; both hands rest
    /// on its top.
    Counter,
    /// `towel`: a folded towel under the near foot, or, lying with that foot
    /// in the air, a rolled towel under the neck.
    Towel,
}

impl Prop {
    /// Every prop, in the order the documentation lists them.
    pub const ALL: [Prop; 6] = [
        Prop::Mat,
        Prop::Bed,
        Prop::Wall,
        Prop::Chair,
        Prop::Counter,
        Prop::Towel,
    ];

    /// The name written in YAML.
    pub fn name(self) -> &'static str {
        match self {
            Prop::Mat => "mat",
            Prop::Bed => "bed",
            Prop::Wall => "wall",
            Prop::Chair => "chair",
            Prop::Counter => "counter",
            Prop::Towel => "towel",
        }
    }

    /// The prop with this YAML name.
    pub fn from_name(name: &str) -> Option<Prop> {
        Prop::ALL.into_iter().find(|p| p.name() == name)
    }

    /// True if the prop is drawn with this posture; a chair only makes
    /// sense to sit on, a counter only to stand or sit at.
    pub fn fits(self, posture: Posture) -> bool {
        use Posture::*;
        match self {
            Prop::Mat => true,
            Prop::Bed => matches!(posture, LyingOnBack | LyingOnSide | Sitting),
            Prop::Wall | Prop::Towel => posture != LyingOnSide,
            Prop::Chair => posture == Sitting,
            Prop::Counter => matches!(posture, Standing | Sitting),
        }
    }
}

/// Which side of the body: the one facing the viewer or the one behind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Side {
    /// The side facing the viewer, drawn in front and darker.
    Near,
    /// The side away from the viewer, drawn behind and lighter.
    Far,
}

/// A joint of an arm or leg, present on both sides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LimbJoint {
    /// Upper arm relative to the trunk.
    Shoulder,
    /// Forearm relative to the upper arm.
    Elbow,
    /// Thigh relative to the trunk.
    Hip,
    /// Shin relative to the thigh.
    Knee,
    /// Foot relative to the shin.
    Ankle,
}

/// One joint angle a therapist can set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Joint {
    /// A limb joint on one side of the body.
    Limb(LimbJoint, Side),
    /// The trunk's lean from the posture's upright.
    Trunk,
    /// The head's tilt relative to the trunk.
    Neck,
}

impl Joint {
    /// Every joint, in the order the documentation lists them.
    pub const ALL: [Joint; 12] = {
        use LimbJoint::*;
        use Side::*;
        [
            Joint::Limb(Shoulder, Near),
            Joint::Limb(Shoulder, Far),
            Joint::Limb(Elbow, Near),
            Joint::Limb(Elbow, Far),
            Joint::Limb(Hip, Near),
            Joint::Limb(Hip, Far),
            Joint::Limb(Knee, Near),
            Joint::Limb(Knee, Far),
            Joint::Limb(Ankle, Near),
            Joint::Limb(Ankle, Far),
            Joint::Trunk,
            Joint::Neck,
        ]
    };

    /// The name written in YAML, e.g. `near_knee`.
    pub fn name(self) -> &'static str {
        use LimbJoint::*;
        use Side::*;
        match self {
            Joint::Limb(Shoulder, Near) => "near_shoulder",
            Joint::Limb(Shoulder, Far) => "far_shoulder",
            Joint::Limb(Elbow, Near) => "near_elbow",
            Joint::Limb(Elbow, Far) => "far_elbow",
            Joint::Limb(Hip, Near) => "near_hip",
            Joint::Limb(Hip, Far) => "far_hip",
            Joint::Limb(Knee, Near) => "near_knee",
            Joint::Limb(Knee, Far) => "far_knee",
            Joint::Limb(Ankle, Near) => "near_ankle",
            Joint::Limb(Ankle, Far) => "far_ankle",
            Joint::Trunk => "trunk",
            Joint::Neck => "neck",
        }
    }

    /// The joint with this YAML name.
    pub fn from_name(name: &str) -> Option<Joint> {
        Joint::ALL.into_iter().find(|j| j.name() == name)
    }

    /// The anatomical range in degrees, inclusive.
    pub fn range(self) -> (f64, f64) {
        match self {
            Joint::Limb(LimbJoint::Shoulder, _) => (-60.0, 180.0),
            Joint::Limb(LimbJoint::Elbow, _) => (0.0, 150.0),
            Joint::Limb(LimbJoint::Hip, _) => (-30.0, 150.0),
            Joint::Limb(LimbJoint::Knee, _) => (0.0, 150.0),
            Joint::Limb(LimbJoint::Ankle, _) => (-50.0, 30.0),
            Joint::Trunk => (-30.0, 90.0),
            Joint::Neck => (-30.0, 60.0),
        }
    }

    /// A sentence explaining the range, used in error messages.
    pub fn explain(self) -> &'static str {
        match self {
            Joint::Limb(LimbJoint::Shoulder, _) => {
                "a shoulder moves from -60° (arm behind the body) through 0° \
                 (arm along the trunk) to 180° (overhead)"
            }
            Joint::Limb(LimbJoint::Elbow, _) => "an elbow bends from 0° (straight) to 150°",
            Joint::Limb(LimbJoint::Hip, _) => {
                "a hip moves from -30° (thigh behind the trunk) through 0° \
                 (in line) to 150° (bent up to the chest)"
            }
            Joint::Limb(LimbJoint::Knee, _) => "a knee bends from 0° (straight) to 150°",
            Joint::Limb(LimbJoint::Ankle, _) => {
                "an ankle moves from -50° (toes pointed) through 0° (foot at a \
                 right angle to the shin) to 30° (toes pulled up)"
            }
            Joint::Trunk => "the trunk leans from -30° (backwards) to 90° (forwards)",
            Joint::Neck => "the head tilts from -30° (chin up) to 60° (chin down)",
        }
    }
}

/// A body part an exercise stretches or strengthens: the figure tints it
/// in the accent colour. Limb parts belong to one side (the near one
/// unless the name says `far_`); trunk parts have no side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    /// The back of the thigh.
    Hamstrings,
    /// The front of the thigh.
    Quadriceps,
    /// The back of the lower leg.
    Calf,
    /// The front of the lower leg.
    Shin,
    /// The buttock.
    Glutes,
    /// The front of the hip, where the thigh meets the trunk.
    HipFlexors,
    /// The top of the upper arm, over the shoulder joint.
    Shoulder,
    /// The front of the upper arm.
    Biceps,
    /// The back of the upper arm.
    Triceps,
    /// The forearm, whose muscles grip.
    Forearm,
    /// The upper back, between the shoulder blades.
    UpperBack,
    /// The lower back.
    LowerBack,
    /// The stomach muscles.
    Abdominals,
    /// The chest.
    Chest,
    /// The neck.
    Neck,
}

impl Part {
    /// Every part, in the order the documentation lists them.
    pub const ALL: [Part; 15] = [
        Part::Hamstrings,
        Part::Quadriceps,
        Part::Calf,
        Part::Shin,
        Part::Glutes,
        Part::HipFlexors,
        Part::Shoulder,
        Part::Biceps,
        Part::Triceps,
        Part::Forearm,
        Part::UpperBack,
        Part::LowerBack,
        Part::Abdominals,
        Part::Chest,
        Part::Neck,
    ];

    /// The name written in YAML (without a side).
    pub fn name(self) -> &'static str {
        match self {
            Part::Hamstrings => "hamstrings",
            Part::Quadriceps => "quadriceps",
            Part::Calf => "calf",
            Part::Shin => "shin",
            Part::Glutes => "glutes",
            Part::HipFlexors => "hip_flexors",
            Part::Shoulder => "shoulder",
            Part::Biceps => "biceps",
            Part::Triceps => "triceps",
            Part::Forearm => "forearm",
            Part::UpperBack => "upper_back",
            Part::LowerBack => "lower_back",
            Part::Abdominals => "abdominals",
            Part::Chest => "chest",
            Part::Neck => "neck",
        }
    }

    /// The part with this YAML name (without a side).
    pub fn from_name(name: &str) -> Option<Part> {
        Part::ALL.into_iter().find(|p| p.name() == name)
    }

    /// True for the parts of an arm or a leg, which are on one side.
    pub fn is_limb(self) -> bool {
        !matches!(
            self,
            Part::UpperBack | Part::LowerBack | Part::Abdominals | Part::Chest | Part::Neck
        )
    }
}

/// A highlighted body part: a part and, for a limb's, its side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Target {
    /// Which part.
    pub part: Part,
    /// Which side, for a limb's part; `None` for the trunk's.
    pub side: Option<Side>,
}

impl Target {
    /// The name written in YAML: `hamstrings`, `far_calf`, `upper_back`.
    pub fn name(self) -> String {
        match self.side {
            Some(Side::Far) => format!("far_{}", self.part.name()),
            _ => self.part.name().to_string(),
        }
    }
}
