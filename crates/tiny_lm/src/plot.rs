//! SVG line charts (loss curves, learning-rate schedule) for notebooks.
//!
//! Teaches: look at the curves. A loss curve shows whether training works
//! (falling), overfits (validation rising while training falls) or diverges
//! (spikes). Charts are drawn with `plotters` using only its SVG backend: text
//! is written as SVG `<text>` elements and rendered by the browser, so no
//! system fonts are needed to build or run.

use plotters::prelude::*;

use crate::train::{learning_rate, TrainConfig};

const WIDTH: u32 = 640;
const HEIGHT: u32 = 360;
const COLORS: [RGBColor; 4] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
];

/// One named line.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Legend text.
    pub name: String,
    /// `(x, y)` points in order.
    pub points: Vec<(f64, f64)>,
    /// Draw a dot at every point (for sparse series such as validation loss).
    pub markers: bool,
}

impl Series {
    /// A line through `points`.
    pub fn new(name: &str, points: Vec<(f64, f64)>) -> Self {
        Series {
            name: name.to_string(),
            points,
            markers: false,
        }
    }

    /// Also draw a dot at each point.
    pub fn with_markers(mut self) -> Self {
        self.markers = true;
        self
    }
}

/// A line chart with a title, axis labels and a legend.
///
/// ```
/// use tiny_lm::plot::{Chart, Series};
/// let mut chart = Chart::new("demo", "x", "y");
/// chart.add(Series::new("line", vec![(0.0, 1.0), (1.0, 0.5)]));
/// assert!(chart.to_svg().starts_with("<svg"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// Title above the plot.
    pub title: String,
    /// Horizontal axis label.
    pub x_label: String,
    /// Vertical axis label.
    pub y_label: String,
    /// Lines to draw.
    pub series: Vec<Series>,
}

impl Chart {
    /// An empty chart.
    pub fn new(title: &str, x_label: &str, y_label: &str) -> Self {
        Chart {
            title: title.to_string(),
            x_label: x_label.to_string(),
            y_label: y_label.to_string(),
            series: Vec::new(),
        }
    }

    /// Add a line.
    pub fn add(&mut self, series: Series) -> &mut Self {
        self.series.push(series);
        self
    }

    fn ranges(&self) -> ((f64, f64), (f64, f64)) {
        let pts = self
            .series
            .iter()
            .flat_map(|s| s.points.iter())
            .filter(|p| p.0.is_finite() && p.1.is_finite());
        let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for &(x, y) in pts {
            (x0, x1, y0, y1) = (x0.min(x), x1.max(x), y0.min(y), y1.max(y));
        }
        if x0 > x1 {
            return ((0.0, 1.0), (0.0, 1.0));
        }
        let pad = ((y1 - y0) * 0.05).max(1e-9);
        let xs = if x1 > x0 {
            (x0, x1)
        } else {
            (x0 - 0.5, x0 + 0.5)
        };
        ((xs), (y0 - pad, y1 + pad))
    }

    /// The chart as an SVG document.
    pub fn to_svg(&self) -> String {
        let mut svg = String::new();
        // Drawing into a String cannot fail for I/O reasons; an error here would
        // be a plotters bug, so fall back to an empty chart rather than panic.
        if self.draw(&mut svg).is_err() {
            svg = format!("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{HEIGHT}\"></svg>");
        }
        svg
    }

    fn draw(&self, svg: &mut String) -> Result<(), Box<dyn std::error::Error + '_>> {
        let root = SVGBackend::with_string(svg, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&WHITE)?;
        let ((x0, x1), (y0, y1)) = self.ranges();
        let mut chart = ChartBuilder::on(&root)
            .caption(&self.title, ("sans-serif", 18))
            .margin(10)
            .margin_right(24)
            .x_label_area_size(40)
            .y_label_area_size(60)
            .build_cartesian_2d(x0..x1, y0..y1)?;
        chart
            .configure_mesh()
            .x_desc(&self.x_label)
            .y_desc(&self.y_label)
            .label_style(("sans-serif", 12))
            .x_label_formatter(&|x| tick_label(*x))
            .y_label_formatter(&|y| tick_label(*y))
            .light_line_style(RGBColor(235, 235, 235))
            .draw()?;
        for (i, s) in self.series.iter().enumerate() {
            let color = COLORS[i % COLORS.len()];
            chart
                .draw_series(LineSeries::new(
                    s.points.iter().copied(),
                    color.stroke_width(2),
                ))?
                .label(&s.name)
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 18, y)], color.stroke_width(2))
                });
            if s.markers {
                chart.draw_series(s.points.iter().map(|&p| Circle::new(p, 3, color.filled())))?;
            }
        }
        if self.series.len() > 1 {
            chart
                .configure_series_labels()
                .background_style(WHITE.mix(0.8))
                .border_style(BLACK)
                .draw()?;
        }
        root.present()?;
        Ok(())
    }

    /// Rich notebook output (evcxr): the chart inline as SVG.
    pub fn evcxr_display(&self) {
        println!(
            "EVCXR_BEGIN_CONTENT image/svg+xml\n{}\nEVCXR_END_CONTENT",
            self.to_svg()
        );
    }
}

/// Axis numbers without noise: `50` not `50.0`, `0.0005` not `5e-4`.
fn tick_label(x: f64) -> String {
    if x == x.round() && x.abs() < 1e9 {
        format!("{x:.0}")
    } else if x.abs() >= 1e-4 {
        format!("{}", (x * 1e6).round() / 1e6)
    } else {
        format!("{x:.1e}")
    }
}

/// The learning-rate schedule of `cfg` over its `total_steps`.
///
/// ```
/// let chart = tiny_lm::plot::lr_schedule(&tiny_lm::train::TrainConfig::default());
/// assert_eq!(chart.series[0].points.len(), 300);
/// ```
pub fn lr_schedule(cfg: &TrainConfig) -> Chart {
    let mut chart = Chart::new(
        "Learning-rate schedule: warm-up, then cosine decay",
        "step",
        "learning rate",
    );
    let points = (0..cfg.total_steps)
        .map(|s| (s as f64, learning_rate(s, cfg) as f64))
        .collect();
    chart.add(Series::new("learning rate", points));
    chart
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_contains_title_axis_labels_legend_and_lines() {
        let mut chart = Chart::new("Loss", "step", "loss");
        chart.add(Series::new(
            "train",
            vec![(1.0, 5.0), (2.0, 4.0), (3.0, 3.5)],
        ));
        chart.add(Series::new("validation", vec![(1.0, 5.1), (3.0, 3.9)]).with_markers());
        let svg = chart.to_svg().replace('\n', "");
        for text in [
            ">Loss<",
            ">step<",
            ">loss<",
            ">train<",
            ">validation<",
            "<polyline",
            "<circle",
        ] {
            assert!(svg.contains(text), "missing {text}");
        }
    }

    #[test]
    fn empty_and_flat_series_still_render() {
        assert!(Chart::new("empty", "x", "y").to_svg().contains("</svg>"));
        let mut flat = Chart::new("flat", "x", "y");
        flat.add(Series::new("one point", vec![(1.0, 2.0)]));
        assert!(flat.to_svg().contains("</svg>"));
    }
}
