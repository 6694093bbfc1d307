/*
 * app_models.S — the application firmware's models in flash, unchanged
 * (see model.S). The build passes APP_FW_MODEL0 and, for the vision
 * firmware, APP_FW_MODEL1 as quoted paths.
 */
    .section .mote_model, "a"
    .balign 16
    .global app_fw_model0, app_fw_model0_end
app_fw_model0:
    .incbin APP_FW_MODEL0
app_fw_model0_end:
#ifdef APP_FW_MODEL1
    .balign 16
    .global app_fw_model1, app_fw_model1_end
app_fw_model1:
    .incbin APP_FW_MODEL1
app_fw_model1_end:
#endif
