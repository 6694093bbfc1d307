# Shared test code (tests/common/). The status-name table of the C tests is
# generated from include/mote/status.h, so the names are written only once,
# in the header; tests/common/status_names.py parses it for Python.
STATUS_GEN_DIR := $(BUILD)/gen
STATUS_TABLE   := $(STATUS_GEN_DIR)/status_table.h

$(BUILD)/gen/status_table.h: include/mote/status.h tests/common/gen_status_table.sh
	@mkdir -p $(dir $@)
	sh tests/common/gen_status_table.sh include/mote/status.h > $@.tmp && mv $@.tmp $@
