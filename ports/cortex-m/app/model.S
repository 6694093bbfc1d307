/*
 * model.S — put a .tflite file into flash, unchanged.
 *
 * The build passes the file with -DMOTE_FW_MODEL_PATH="\"models/....tflite\"".
 * The bytes go in section .mote_model, which the linker script keeps in its
 * own output section so size reports separate weights from code.
 * 16-byte alignment lets the reader see the flatbuffer's own alignment.
 */
    .section .mote_model, "a"
    .balign 16
    .global mote_fw_model
mote_fw_model:
    .incbin MOTE_FW_MODEL_PATH
    .global mote_fw_model_end
mote_fw_model_end:
