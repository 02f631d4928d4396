//! A plain 2-D vector in body heights, for the figure maths.

use std::ops::{Add, Mul, Neg, Sub};

/// A point or direction, in body heights, y up.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct V2 {
    /// Rightwards.
    pub x: f64,
    /// Upwards.
    pub y: f64,
}

impl V2 {
    /// The origin.
    pub const ZERO: V2 = V2 { x: 0.0, y: 0.0 };

    /// A vector from its parts.
    pub const fn new(x: f64, y: f64) -> V2 {
        V2 { x, y }
    }

    /// A vector of `length` pointing `degrees` anticlockwise from +x.
    pub fn polar(length: f64, degrees: f64) -> V2 {
        let r = degrees.to_radians();
        V2::new(length * r.cos(), length * r.sin())
    }

    /// Length.
    pub fn len(self) -> f64 {
        self.x.hypot(self.y)
    }

    /// Direction in degrees anticlockwise from +x.
    pub fn angle(self) -> f64 {
        self.y.atan2(self.x).to_degrees()
    }

    /// The same direction with length 1 (or zero for the zero vector).
    pub fn unit(self) -> V2 {
        let l = self.len();
        if l == 0.0 { self } else { self * (1.0 / l) }
    }

    /// Rotated anticlockwise by `degrees` about `center`.
    pub fn rotate_about(self, center: V2, degrees: f64) -> V2 {
        let (s, c) = degrees.to_radians().sin_cos();
        let d = self - center;
        center + V2::new(d.x * c - d.y * s, d.x * s + d.y * c)
    }

    /// Rotated a quarter turn anticlockwise.
    pub fn perp(self) -> V2 {
        V2::new(-self.y, self.x)
    }

    /// Dot product.
    pub fn dot(self, o: V2) -> f64 {
        self.x * o.x + self.y * o.y
    }
}

impl Add for V2 {
    type Output = V2;
    fn add(self, o: V2) -> V2 {
        V2::new(self.x + o.x, self.y + o.y)
    }
}

impl Sub for V2 {
    type Output = V2;
    fn sub(self, o: V2) -> V2 {
        V2::new(self.x - o.x, self.y - o.y)
    }
}

impl Mul<f64> for V2 {
    type Output = V2;
    fn mul(self, k: f64) -> V2 {
        V2::new(self.x * k, self.y * k)
    }
}

impl Neg for V2 {
    type Output = V2;
    fn neg(self) -> V2 {
        V2::new(-self.x, -self.y)
    }
}
