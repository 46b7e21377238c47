//! A drawn card written as a palette PNG (indexed colour, PNG colour type 3):
//! a card is flat colours and anti-aliased text, so a few dozen colours show
//! it as drawn, in a fraction of the bytes of a true-colour PNG.
//!
//! The design's flat colours (those covering many pixels: background, brand
//! blue, the chart's cells) are kept exactly, so the winner's cell is the
//! accent blue to the bit; the quantiser (NeuQuant, from `color_quant`)
//! chooses the remaining entries from the other pixels, the edges of text and
//! shapes. Pixels are handled as runs of one colour, which a card is mostly
//! made of, so each run is looked up once.

use color_quant::NeuQuant;
use resvg::tiny_skia::Pixmap;
use std::collections::HashMap;

/// Entries of the palette, at most: 48 keep text edges smooth and the
/// wordiest card under 25 KB (64 came to 30 KB).
const COLOURS: usize = 48;

/// A colour covering at least this many pixels is one of the design's flat
/// colours and kept exactly (one 12 × 12 square).
const FLAT: u32 = 144;

/// Flat colours kept exactly, at most: the rest of the palette is for edges.
const FLAT_MAX: usize = 24;

/// NeuQuant learns from one pixel in this many: 1 is its best, 30 its fastest.
const SAMPLING: i32 = 10;

/// `pixmap` as a palette PNG. Every card starts with an opaque rectangle, so
/// its pixels are opaque and their (premultiplied) colour is the colour.
pub fn encode(pixmap: &Pixmap) -> Result<Vec<u8>, String> {
    let runs = runs(pixmap);
    let mut counts: HashMap<[u8; 3], u32> = HashMap::new();
    for (colour, length) in &runs {
        *counts.entry(*colour).or_default() += length;
    }
    let mut flat: Vec<([u8; 3], u32)> = counts.iter().filter(|(_, n)| **n >= FLAT).map(|(c, n)| (*c, *n)).collect();
    flat.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    flat.truncate(FLAT_MAX);
    let mut palette: Vec<[u8; 3]> = flat.iter().map(|(c, _)| *c).collect();

    // The edges: every pixel not of a flat colour, for NeuQuant to learn from.
    let mut edges = Vec::new();
    for (colour, length) in runs.iter().filter(|(c, _)| !palette.contains(c)) {
        for _ in 0..*length {
            edges.extend_from_slice(&[colour[0], colour[1], colour[2], 255]);
        }
    }
    if !edges.is_empty() {
        let learned = NeuQuant::new(SAMPLING, COLOURS - palette.len(), &edges).color_map_rgb();
        for entry in learned.chunks_exact(3).map(|c| [c[0], c[1], c[2]]) {
            if !palette.contains(&entry) {
                palette.push(entry);
            }
        }
    }

    // Each distinct colour is matched to its nearest entry once.
    let index: HashMap<[u8; 3], u8> = counts.keys().map(|c| (*c, nearest(&palette, *c))).collect();
    let mut indices = Vec::with_capacity((pixmap.width() * pixmap.height()) as usize);
    for (colour, length) in &runs {
        indices.resize(indices.len() + *length as usize, index[colour]);
    }

    let failed = |e: png::EncodingError| format!("encoding the card failed: {e}");
    let mut out = Vec::with_capacity(32 * 1024);
    let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    encoder.set_color(png::ColorType::Indexed);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_palette(palette.concat());
    encoder.set_compression(png::Compression::High);
    // Indexes are not magnitudes: predicting one from its neighbours (the
    // other filters) only scatters the long runs deflate packs best.
    encoder.set_filter(png::Filter::NoFilter);
    let mut writer = encoder.write_header().map_err(failed)?;
    writer.write_image_data(&indices).map_err(failed)?;
    writer.finish().map_err(failed)?;
    Ok(out)
}

/// The pixels, row after row, as runs of one colour.
fn runs(pixmap: &Pixmap) -> Vec<([u8; 3], u32)> {
    let mut runs: Vec<([u8; 3], u32)> = Vec::new();
    for p in pixmap.pixels() {
        let colour = [p.red(), p.green(), p.blue()];
        match runs.last_mut() {
            Some((last, length)) if *last == colour => *length += 1,
            _ => runs.push((colour, 1)),
        }
    }
    runs
}

/// The palette entry closest to `colour` (squared distance in RGB).
fn nearest(palette: &[[u8; 3]], colour: [u8; 3]) -> u8 {
    let distance = |entry: &&[u8; 3]| -> i32 { (0..3).map(|i| (i32::from(entry[i]) - i32::from(colour[i])).pow(2)).sum() };
    let (index, _) = palette.iter().enumerate().min_by_key(|(_, entry)| distance(entry)).expect("a palette has entries");
    index as u8
}
