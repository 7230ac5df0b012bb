print("gloss-fuzz: being written")
