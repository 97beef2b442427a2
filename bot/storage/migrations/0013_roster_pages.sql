-- A VK page the roster names by its short name (vk.com/artem_smirnov) is kept as written until
-- VK says whose it is: `schoolbot roster import` works without VK, and the bot asks VK when it
-- next talks to it. A person has a vk_id, or a vk_screen_name still to resolve, or neither.
ALTER TABLE people ADD COLUMN vk_screen_name TEXT;
CREATE INDEX people_pending_pages ON people (vk_screen_name) WHERE vk_screen_name IS NOT NULL;
