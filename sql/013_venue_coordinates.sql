-- 013_venue_coordinates.sql: where a venue is, for a map link on the
-- meeting page and the OParl Location's geojson (docs/DECISIONS.md,
-- "The model of the record").  WGS 84 decimal degrees; both or neither.
-- The model (src/db/model.h, MODEL_LOCATION) describes them; this adds
-- the columns.

ALTER TABLE location ADD COLUMN latitude REAL CHECK (latitude IS NULL OR latitude BETWEEN -90 AND 90);
ALTER TABLE location ADD COLUMN longitude REAL CHECK (longitude IS NULL OR longitude BETWEEN -180 AND 180);
