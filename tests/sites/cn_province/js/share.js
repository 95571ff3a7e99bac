/* share buttons (fixture) */
