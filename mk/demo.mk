# make demo: the mission in one screen. Sensor data in, a decision out, on
# the bundled samples: keyword spotting (WAV -> word), a wake word in a
# stream, anomaly detection on a machine's sound (normal, then with a
# synthetic fault: an alert record of 24 bytes), and person detection
# (image -> person / no person). Each line: the decision, its score, the
# arena (RAM) the model needed and the time (front-end and model, host).
# Also builds build/mote (the CLI).

DEMO_BINS := $(BUILD)/examples/kws $(BUILD)/examples/wakeword $(BUILD)/examples/anomaly \
             $(BUILD)/examples/vww $(BUILD)/mote
DEMO_AUDIO := models/samples/audio
DEMO_AD    := models/mlperf-tiny/data/normal_id_01_00000000_hist_librosa.bin

# Joins an application's output into one line: name, result, arena, and the
# host time of the front-end (all frames) and of one model invoke (x invokes).
DEMO_FMT := awk -v name="$$name" ' \
    /^cost / { for (i = 2; i <= NF; i++) { split($$i, kv, "="); c[kv[1]] = kv[2] } next } \
    /^alert / { alert[++na] = $$0; next } \
    { line = line (line == "" ? "" : "  ") $$0 } \
    END { if (c["arena"] != "") line = line " arena=" c["arena"]; \
          n = c["invokes"] > 0 ? c["invokes"] : 1; \
          printf "  %-26s %s  [%.2f ms features, %.2f ms model%s]\n", name, line, \
                 c["frontend"] / 1e6, c["model"] / 1e6 / n, (n > 1 ? " x " n : ""); \
          for (i = 1; i <= na; i++) printf "  %-26s %s\n", "", alert[i] }'

.PHONY: demo
demo: $(DEMO_BINS)
	@echo "Keyword spotting (MLPerf Tiny DS-CNN; 49x10 MFCC computed by src/dsp):"
	@for w in yes no silence noise; do name=$${w}_1000ms.wav; \
	    $(BUILD)/examples/kws --time $(DEMO_AUDIO)/$$name | $(DEMO_FMT); done
	@echo "Wake word in a stream (MLPerf Tiny streaming model; 40 log-mel every 32 ms):"
	@for name in marvin_617de221_0.wav short_wav_easy10s.wav yes_1000ms.wav; do \
	    $(BUILD)/examples/wakeword --time $(DEMO_AUDIO)/$$name | $(DEMO_FMT); done
	@echo "Anomaly detection (MLPerf Tiny autoencoder; ToyCar log-mel, alert threshold 15):"
	@name="normal machine"; $(BUILD)/examples/anomaly --quiet --time $(DEMO_AD) | $(DEMO_FMT)
	@name="+ 4 kHz tone at -40 dBFS"; \
	    $(BUILD)/examples/anomaly --quiet --time --add-tone 4000:-40 $(DEMO_AD) | $(DEMO_FMT)
	@echo "Person detection (96x96; any BMP/PPM/PNG is cropped, resized and converted):"
	@for name in person.bmp no_person.bmp; do \
	    $(BUILD)/examples/vww --time models/samples/images/$$name | $(DEMO_FMT); \
	    name="$$name --model vww"; \
	    $(BUILD)/examples/vww --time --model vww models/samples/images/$${name%% *} | $(DEMO_FMT); done
