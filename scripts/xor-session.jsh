var x = Nd4j.create(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
var y = Nd4j.create(new double[][] {{0}, {1}, {1}, {0}});
var model = new Sequential(42L);
model.add(new Dense(2, 2)).add(new Activation("sigmoid")).add(new Dense(1)).add(new Activation("sigmoid"));
model.compile("mean_squared_error", new SGD(1.0), "accuracy")
var history = model.fit(x, y, new FitOptions().epochs(5000).batchSize(4).verbose(0))
model.predict(x)
model.evaluate(x, y, 1)
new Dense(8, "relu")
