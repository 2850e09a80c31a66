-- 000: results of a quarter are public within 10 working days after the quarter's checks end;
-- a bureau following it sets this beside the deadline counted from each inspection.
ALTER TABLE disclosure_settings
    ADD COLUMN after_quarter_working_days integer CHECK (after_quarter_working_days BETWEEN 1 AND 60);
