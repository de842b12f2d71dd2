"""Blog articles (Markdown with frontmatter) -> sections, FAQ pairs and chunks -> a Chroma store."""
