//! Placeholder until the text helper lands.
