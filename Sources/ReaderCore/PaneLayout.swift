/// A rectangle of cells.
public struct Rect: Sendable, Equatable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public static let zero = Rect(x: 0, y: 0, width: 0, height: 0)
    public var isEmpty: Bool { width <= 0 || height <= 0 }
    public func contains(x px: Int, y py: Int) -> Bool { px >= x && px < x + width && py >= y && py < y + height }
}

/// Where each pane goes for a terminal size and the panes that are switched on.
public struct PaneLayout: Sendable, Equatable {
    public enum Mode: Sendable, Equatable {
        /// Below 20x5: only a message asking for a larger terminal.
        case tooSmall
        /// Below 40x10: the article alone and a one-line status.
        case compact
        case full
    }

    public static let sideBySideColumns = 100
    public static let translationAtRightColumns = 160
    public static let compactBelow = (columns: 40, rows: 10)
    public static let tooSmallBelow = (columns: 20, rows: 5)

    public var mode: Mode
    public var article: Rect
    public var sidebar: Rect
    public var sidebarIsOverlay: Bool
    public var translation: Rect
    public var status: Rect

    public init(columns: Int, rows: Int, sidebar wantSidebar: Bool, translation wantTranslation: Bool) {
        let columns = max(0, columns), rows = max(0, rows)
        sidebar = .zero
        translation = .zero
        sidebarIsOverlay = false
        if columns < Self.tooSmallBelow.columns || rows < Self.tooSmallBelow.rows {
            mode = .tooSmall
            article = .zero
            status = Rect(x: 0, y: 0, width: columns, height: rows)
            return
        }
        status = Rect(x: 0, y: rows - 1, width: columns, height: 1)
        let contentHeight = rows - 1
        if columns < Self.compactBelow.columns || rows < Self.compactBelow.rows {
            mode = .compact
            article = Rect(x: 0, y: 0, width: columns, height: contentHeight)
            return
        }
        mode = .full
        var articleWidth = columns
        if wantSidebar {
            if columns >= Self.sideBySideColumns {
                let width = min(44, max(30, columns * 3 / 10))
                sidebar = Rect(x: columns - width, y: 0, width: width, height: contentHeight)
                articleWidth = columns - width
            } else {
                let width = min(columns - 4, 44)
                sidebar = Rect(x: columns - width, y: 0, width: width, height: contentHeight)
                sidebarIsOverlay = true
            }
        }
        if wantTranslation {
            if columns >= Self.translationAtRightColumns {
                let width = min(60, max(36, articleWidth / 3))
                translation = Rect(x: articleWidth - width, y: 0, width: width, height: contentHeight)
                articleWidth -= width
            } else {
                let height = max(5, contentHeight / 3)
                translation = Rect(x: 0, y: contentHeight - height, width: sidebarIsOverlay ? columns : articleWidth, height: height)
                article = Rect(x: 0, y: 0, width: articleWidth, height: contentHeight - height)
                return
            }
        }
        article = Rect(x: 0, y: 0, width: articleWidth, height: contentHeight)
    }

    /// Text width inside the article pane: a margin each side, and never wider than is
    /// comfortable to read.
    public var articleTextWidth: Int { max(1, article.width >= 12 ? min(100, article.width - 4) : article.width) }
    public var articleTextX: Int { article.x + (article.width >= 12 ? 2 : 0) }
}
