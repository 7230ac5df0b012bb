import Testing
@testable import ReaderCore

@Suite struct PaneLayoutTests {
    private func inside(_ rect: Rect, columns: Int, rows: Int) -> Bool {
        rect.isEmpty || (rect.x >= 0 && rect.y >= 0 && rect.x + rect.width <= columns && rect.y + rect.height <= rows)
    }

    private func overlap(_ a: Rect, _ b: Rect) -> Bool {
        !a.isEmpty && !b.isEmpty && a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
    }

    @Test func modesFollowTheTerminalSize() {
        #expect(PaneLayout(columns: 19, rows: 40, sidebar: true, translation: true).mode == .tooSmall)
        #expect(PaneLayout(columns: 120, rows: 4, sidebar: true, translation: true).mode == .tooSmall)
        #expect(PaneLayout(columns: 20, rows: 5, sidebar: true, translation: true).mode == .compact)
        #expect(PaneLayout(columns: 39, rows: 40, sidebar: true, translation: true).mode == .compact)
        #expect(PaneLayout(columns: 120, rows: 9, sidebar: true, translation: true).mode == .compact)
        #expect(PaneLayout(columns: 40, rows: 10, sidebar: true, translation: true).mode == .full)
    }

    @Test func panesStayOnScreenAndNeverOverlapButForTheOverlay() {
        for columns in 0...260 {
            for rows in [0, 1, 4, 5, 9, 10, 11, 20, 40, 61] {
                for sidebar in [false, true] {
                    for translation in [false, true] {
                        let panes = PaneLayout(columns: columns, rows: rows, sidebar: sidebar, translation: translation)
                        let all = [panes.article, panes.sidebar, panes.translation, panes.status]
                        for rect in all {
                            #expect(inside(rect, columns: columns, rows: rows), "\(columns)x\(rows) \(rect)")
                        }
                        var separate = [panes.article, panes.translation, panes.status]
                        if !panes.sidebarIsOverlay { separate.append(panes.sidebar) }
                        for i in separate.indices {
                            for j in separate.indices where i < j {
                                #expect(!overlap(separate[i], separate[j]), "\(columns)x\(rows) \(separate[i]) \(separate[j])")
                            }
                        }
                        if panes.mode != .tooSmall {
                            #expect(panes.status == Rect(x: 0, y: rows - 1, width: columns, height: 1))
                            #expect(!panes.article.isEmpty, "\(columns)x\(rows)")
                            #expect(panes.articleTextX + panes.articleTextWidth <= panes.article.x + panes.article.width)
                        }
                    }
                }
            }
        }
    }

    @Test func wideTerminalsPutTheSidebarBesideTheArticle() {
        let panes = PaneLayout(columns: 120, rows: 40, sidebar: true, translation: false)
        #expect(!panes.sidebarIsOverlay)
        #expect(panes.sidebar.x == panes.article.width)
        #expect(panes.sidebar.x + panes.sidebar.width == 120)
        #expect(panes.article.height == 39 && panes.sidebar.height == 39)
    }

    @Test func narrowTerminalsShowTheSidebarAsAnOverlay() {
        let panes = PaneLayout(columns: 60, rows: 20, sidebar: true, translation: false)
        #expect(panes.sidebarIsOverlay)
        #expect(panes.article.width == 60)
        #expect(panes.sidebar.x + panes.sidebar.width == 60 && panes.sidebar.width < 60)
    }

    @Test func compactModeHasNoSidebarOrTranslation() {
        let panes = PaneLayout(columns: 39, rows: 12, sidebar: true, translation: true)
        #expect(panes.sidebar.isEmpty && panes.translation.isEmpty)
        #expect(panes.article == Rect(x: 0, y: 0, width: 39, height: 11))
    }

    @Test func translationGoesBelowTheArticleUnlessTheTerminalIsVeryWide() {
        let bottom = PaneLayout(columns: 120, rows: 40, sidebar: true, translation: true)
        #expect(bottom.translation.y == bottom.article.height)
        #expect(bottom.translation.y + bottom.translation.height == 39)
        #expect(bottom.translation.width == bottom.article.width)

        let right = PaneLayout(columns: 200, rows: 60, sidebar: true, translation: true)
        #expect(right.translation.y == 0 && right.translation.height == 59)
        #expect(right.translation.x == right.article.x + right.article.width)
        #expect(right.translation.x + right.translation.width == right.sidebar.x)
    }

    @Test func articleTextKeepsAMarginAndAComfortableMeasure() {
        let wide = PaneLayout(columns: 300, rows: 40, sidebar: false, translation: false)
        #expect(wide.articleTextWidth == 100 && wide.articleTextX == 2)
        let compact = PaneLayout(columns: 30, rows: 8, sidebar: false, translation: false)
        #expect(compact.articleTextWidth == 26 && compact.articleTextX == 2)
    }
}
