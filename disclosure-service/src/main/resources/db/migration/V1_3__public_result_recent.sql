-- The portal's search lists the newest current results first, a page at a time, usually of one
-- district: without these, every page read and sorted all of the district's current results.
CREATE INDEX public_result_recent ON public_result (inspection_date DESC, result_id) WHERE current;
CREATE INDEX public_result_district_recent ON public_result (district, inspection_date DESC, result_id) WHERE current;
