# make demo: person detection on the two bundled grayscale images.
DEMO_BIN := $(BUILD)/examples/person_detect

# Files are read with the host tool's bounded reader (tools/mote/file.c).
$(DEMO_BIN): examples/person_detect/person_detect.c tools/mote/file.c tools/mote/file.h $(BUILD)/libmote.a
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -Wall -Wextra -Werror $(OPT) -Iinclude -Itools/mote -o $@ $< tools/mote/file.c \
	    $(BUILD)/libmote.a $(LDLIBS)

.PHONY: demo
demo: $(DEMO_BIN)
	$(DEMO_BIN) models/tflm-examples/person_detect.tflite \
	    models/samples/images/person.bmp models/samples/images/no_person.bmp
