UPDATE orders SET total = total + fee;
