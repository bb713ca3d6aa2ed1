-- The values a finding's message quotes, by name (JSON object), so a front end can word it in another language.
ALTER TABLE findings ADD COLUMN args TEXT NULL;
