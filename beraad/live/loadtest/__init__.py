"""The parts of `live_benchmark` (the management command holds its arguments and starts and stops
the servers): `http` the browser tabs, the recorder and the CPU readings, `data` the benchmark's
organisation and its removal, `scenario` the load itself, `report` the figures and the check."""
