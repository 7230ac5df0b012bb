# Convenience targets; the README's two commands are scripts/run and scripts/test.
.PHONY: run test build release screenshots bench fuzz clean

run:
	scripts/run

test:
	scripts/test

build:
	swift build

release:
	bash -c 'source scripts/swift-env && swift build "$${GLOSS_RELEASE_FLAGS[@]}" --product gloss'

screenshots: release
	scripts/screenshots

bench:
	scripts/bench

fuzz:
	scripts/fuzz $(or $(FUZZ_SECONDS),60)

clean:
	rm -rf .build
