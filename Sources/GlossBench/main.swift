print("gloss-bench: being written")
