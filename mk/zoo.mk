# The model zoo (issue 8 item 6): models made with TensorFlow's converter,
# run end to end against TFLite Micro.
#
#   make zoo       regenerate models/zoo/*.tflite with tools/zoo/make_zoo.py
#                  (creates .venv-zoo with tensorflow and tf_keras 2.21.0, the versions
#                  that made the committed files, and numpy from
#                  PyPI; only needed to change the zoo, never for the tests)
#   make test-zoo  every zoo model through mote (libmote.so, several invokes so
#                  state carries) and TFLite Micro's Python interpreter, byte for
#                  byte; needs only .venv (numpy, tflite-micro)
ZOO_VENV    := .venv-zoo
ZOO_VENV_PY := $(ZOO_VENV)/bin/python

$(ZOO_VENV)/.done:
	$(PYTHON) -m venv $(ZOO_VENV)
	$(ZOO_VENV_PY) -m pip install -q --upgrade pip
	$(ZOO_VENV_PY) -m pip install -q tensorflow==2.21.0 tf_keras==2.21.0 numpy
	touch $@

.PHONY: zoo test-zoo
zoo: $(ZOO_VENV)/.done
	$(ZOO_VENV_PY) tools/zoo/make_zoo.py --out models/zoo

test-zoo: $(PYLIB) venv
	$(VENV_PY) tests/zoo/test_zoo.py $(PYLIB)

TEST_SUITES += test-zoo
