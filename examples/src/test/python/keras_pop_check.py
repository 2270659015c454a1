# What Keras 3 does around Sequential.pop(), for the notes in docs/keras-to-backprop4j.md and Sequential.pop():
# run with the Keras 3.15.1 / TensorFlow 2.21 venv: /work/wt/i22-venv/bin/python keras_pop_check.py
# Seen: "removed dense_1", fit after pop + add without compiling again runs, pop() on an empty model: IndexError.
import numpy as np, keras
m = keras.Sequential([keras.Input((2,)), keras.layers.Dense(4, activation="tanh"), keras.layers.Dense(1, activation="sigmoid")])
m.compile(loss="binary_crossentropy", optimizer="adam")
x = np.random.rand(8, 2).astype("float32"); y = (x[:, :1] > 0.5).astype("float32")
m.fit(x, y, epochs=1, verbose=0)
removed = m.pop()
print("removed", removed.name, "layers", [l.name for l in m.layers])
m.layers[0].trainable = False
m.add(keras.layers.Dense(1, activation="sigmoid"))
try:
    m.fit(x, y, epochs=1, verbose=0)
    print("fit after pop+add without recompile: OK (loss", m.loss, ")")
except Exception as e:
    print("fit after pop+add without recompile:", type(e).__name__, str(e)[:300])
try:
    keras.Sequential().pop()
except Exception as e:
    print("pop on empty:", type(e).__name__, e)
