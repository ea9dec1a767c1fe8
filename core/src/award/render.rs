//! Renderings of an award: plain text in Chinese and English, and a 核定表-style table.
