import CNcursesw
import ReaderCore

/// Turns what `wget_wch` returns into the reader's `Key`s.
enum KeyDecoder {
    /// A character `wget_wch` returned with `OK`: printable text, or a control byte that a
    /// terminal in raw mode passes through unchanged.
    static func character(_ value: UInt32) -> Key {
        switch value {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(value + 96)!))
        case 0: return .unknown("C-@")
        case 28...31: return .unknown("C-\(Character(Unicode.Scalar(value + 64)!))")
        case 0x80..<0xA0: return .unknown("U+\(String(value, radix: 16, uppercase: true))")
        default:
            guard let scalar = Unicode.Scalar(value) else {
                return .unknown("U+\(String(value, radix: 16, uppercase: true))")
            }
            return .character(Character(scalar))
        }
    }

    /// A key code `wget_wch` returned with `KEY_CODE_YES`. `KEY_MOUSE` and `KEY_RESIZE` need
    /// the terminal's help and are handled by the caller.
    static func keyCode(_ code: Int32) -> Key {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME, KEY_A1: return .home
        case KEY_END, KEY_C1: return .end
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_IC: return .insert
        case KEY_A3: return .pageUp
        case KEY_C3: return .pageDown
        case (KEY_F0 + 1)...(KEY_F0 + 63): return .function(Int(code - KEY_F0))
        default:
            if let name = keyname(code) { return .unknown(String(cString: name)) }
            return .unknown("key \(code)")
        }
    }

    /// A mouse report. Releases, motion and the buttons the reader does not use decode to nil,
    /// so they never reach the key map.
    static func mouse(_ event: MEVENT) -> Key? {
        let state = event.bstate
        let x = Int(event.x), y = Int(event.y)
        if state & gloss_button4_pressed() != 0 { return .mouse(MouseEvent(kind: .wheelUp, x: x, y: y)) }
        let button5 = gloss_button5_pressed()
        if button5 != 0, state & button5 != 0 { return .mouse(MouseEvent(kind: .wheelDown, x: x, y: y)) }
        if state & (gloss_button1_pressed() | gloss_button1_clicked()) != 0 {
            return .mouse(MouseEvent(kind: .press, x: x, y: y))
        }
        return nil
    }

    /// The reports we ask for: button 1 and the wheel. Motion reporting stays off, since it
    /// would wake the reader on every mouse movement and hides nothing we use.
    static var mouseMask: mmask_t {
        gloss_button1_pressed() | gloss_button1_released() | gloss_button1_clicked()
            | gloss_button4_pressed() | gloss_button5_pressed()
    }
}
