"""The host's live-commerce docks: comments and questions, products and flash sales, polls and the
lottery, moderation. Each is a thin view over ``Studio.submit``; events reach them through
``Studio.event_listeners`` and are shown in batches five times a second, so a flood of comments
never starves the window."""

from __future__ import annotations

import json
import time
from typing import Any

from PySide6.QtCore import QDateTime, QPoint, Qt, QTimer
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from studio.commerce.catalog import CatalogError
from studio.eventlog import Event
from studio.show import Studio

from .layout import TranslatedDock, row
from .worded import WordedLabel, reword, said, say_in

FLUSH_MS = 200
MAX_ROWS = 500
COMPLAINT = QColor("#7a2e2e")


class CommerceDock(TranslatedDock):
    """A dock that hears the show's events (batched on a timer) and submits the host's actions,
    showing a refusal's reason in its status line."""

    def __init__(self, studio: Studio, object_name: str) -> None:
        super().__init__(objectName=object_name)
        self.studio = studio
        self.status = WordedLabel(wordWrap=True, objectName="dockStatus")
        self._pending: list[Event] = []
        studio.event_listeners.append(self._pending.append)
        self._timer = QTimer(self, interval=FLUSH_MS, timeout=self._flush)
        self._timer.start()

    def set_body(self, body: QWidget) -> None:
        # Scrolled, so the dock column can be as narrow as the host likes on a small screen.
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(body)
        self.setWidget(scroll)

    def submit(self, type_: str, data: dict[str, Any]) -> Event | None:
        try:
            event = self.studio.submit(type_, data)
        except ValueError as exc:
            self.status.say(said(exc))  # in the window's language, and again after a switch
            return None
        self.status.say()
        return event

    def _flush(self) -> None:
        events, self._pending[:] = list(self._pending), []
        if events:
            self.show_events(events)
        self.tick()

    def show_events(self, events: list[Event]) -> None:
        """New events, in log order."""

    def tick(self) -> None:
        """Five times a second: countdowns."""

    def interaction(self, name: str) -> Any:
        return next((r.interaction for r in self.studio.interactions.running if r.name == name), None)

    def moderate(self, kind: str, viewer: str, nickname: str, reason: str | None = None, minutes: int = 10) -> bool:
        """Mute (for ``minutes``) or ban a viewer the host knows by ``nickname``; without a
        ``reason`` the host is asked for one (the viewer is told it)."""
        if reason is None:
            question = (self.tr("Why mute {0} for {1} minutes?").format(nickname, minutes) if kind == "mute"
                        else self.tr("Why ban {0} from the show?").format(nickname))
            reason, ok = QInputDialog.getText(self, self.tr("Mute") if kind == "mute" else self.tr("Ban"), question,
                                              text=self.tr("Spamming"))
            if not ok:
                return False
        data: dict[str, Any] = {"viewer": viewer, "reason": reason}
        if kind == "mute":
            data["minutes"] = minutes
        return self.submit(f"moderation.{kind}", data) is not None

    def moderation_menu(self, menu: QMenu, viewer: str, nickname: str) -> None:
        """Mute and ban for the sender of a line the host right-clicked (never the host or a plugin)."""
        if not viewer.startswith("viewer:"):
            return
        menu.addAction(self.tr("Mute {0} for 10 minutes…").format(nickname),
                       lambda: self.moderate("mute", viewer, nickname))
        menu.addAction(self.tr("Ban {0}…").format(nickname), lambda: self.moderate("ban", viewer, nickname))


def _trim(widget: QListWidget) -> None:
    """Drop the oldest rows; if the host's selection goes with them, nothing stays selected (Qt
    would move it to a neighbour, and Pin or Reply would act on somebody else's comment)."""
    excess = widget.count() - MAX_ROWS
    if excess <= 0:
        return
    if 0 <= widget.currentRow() < excess:
        widget.setCurrentRow(-1)
        widget.clearSelection()
    for _ in range(excess):
        widget.takeItem(0)


def _money(amount: float) -> str:
    return f"¥{amount:.2f}".removesuffix(".00")


class CommentsDock(CommerceDock):
    """The live comments (complaints marked, never hidden), pin and reply; the question queue."""

    def __init__(self, studio: Studio) -> None:
        super().__init__(studio, "commentsDock")
        self.tabs = QTabWidget()
        self.comments = QListWidget(objectName="commentList")
        self.questions = QListWidget(objectName="questionList")
        self.reply_edit = QLineEdit()
        self.pin_button, self.unpin_button, self.reply_button = QPushButton(), QPushButton(), QPushButton()
        self.answered_button = QPushButton()
        comments_tab, questions_tab = QWidget(), QWidget()
        layout = QVBoxLayout(comments_tab)
        layout.addWidget(self.comments)
        layout.addWidget(row(self.pin_button, self.unpin_button))
        layout.addWidget(row(self.reply_edit, self.reply_button))
        questions_layout = QVBoxLayout(questions_tab)
        questions_layout.addWidget(self.questions)
        questions_layout.addWidget(self.answered_button)
        self.tabs.addTab(comments_tab, "")
        self.tabs.addTab(questions_tab, "")
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(self.tabs)
        body_layout.addWidget(self.status)
        self.set_body(body)
        self.comments.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.comments.customContextMenuRequested.connect(self._comment_menu)
        self.pin_button.clicked.connect(lambda: self._on_selected("comment.pin"))
        self.unpin_button.clicked.connect(lambda: self.submit("comment.unpin", {}))
        self.reply_button.clicked.connect(self._reply)
        self.answered_button.clicked.connect(self._answered)
        self.retranslateUi()
        # A window opened on a show that is under way (a restart) starts where the show is.
        comments, questions = self.interaction("comments"), self.interaction("questions")
        earlier = [Event(c["id"], c["ts"], "comment", c["actor"], {"nickname": c["nickname"], "text": c["text"]})
                   for c in comments.recent]
        earlier += [Event(q["question"], q["ts"], "question.asked", q["viewer"], q) for q in questions.queue.values()]
        self.show_events(earlier)

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Comments"))
        self.tabs.setTabText(0, self.tr("Comments"))
        self.tabs.setTabText(1, self.tr("Questions"))
        self.pin_button.setText(self.tr("Pin"))
        self.unpin_button.setText(self.tr("Unpin"))
        self.reply_button.setText(self.tr("Reply"))
        self.reply_edit.setPlaceholderText(self.tr("Reply to the selected comment"))
        self.answered_button.setText(self.tr("Mark answered"))
        reword(self.comments)

    def _selected(self, widget: QListWidget) -> dict[str, Any] | None:
        item = widget.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def _on_selected(self, type_: str) -> None:
        chosen = self._selected(self.comments)
        if chosen is None:
            self.status.say(lambda: self.tr("Select a comment first"))
            return
        self.submit(type_, {"comment": chosen["id"]})

    def comment_menu(self, item: QListWidgetItem) -> QMenu | None:
        """What the host can do with one comment: reply, pin, report, mute or ban its sender."""
        chosen = item.data(Qt.ItemDataRole.UserRole)
        if not chosen or "id" not in chosen:  # the host's own reply lines
            return None
        self.comments.setCurrentItem(item)
        menu = QMenu(self)
        menu.addAction(self.tr("Reply"), self.reply_edit.setFocus)
        menu.addAction(self.tr("Pin"), lambda: self.submit("comment.pin", {"comment": chosen["id"]}))
        menu.addAction(self.tr("Mark as complaint"), lambda: self.submit("comment.report", {"comment": chosen["id"]}))
        self.moderation_menu(menu, chosen["actor"], chosen.get("nickname", ""))
        return menu

    def _comment_menu(self, at: QPoint) -> None:
        item = self.comments.itemAt(at)
        menu = self.comment_menu(item) if item is not None else None
        if menu is not None:
            menu.exec(self.comments.viewport().mapToGlobal(at))

    def _reply(self) -> None:
        chosen = self._selected(self.comments)
        if chosen is None:
            self.status.say(lambda: self.tr("Select a comment first"))
        elif self.submit("comment.reply", {"comment": chosen["id"], "text": self.reply_edit.text()}):
            self.reply_edit.clear()

    def _answered(self) -> None:
        chosen = self._selected(self.questions)
        if chosen is not None and self.submit("question.answer", {"question": chosen["question"]}):
            self.questions.takeItem(self.questions.currentRow())

    def show_events(self, events: list[Event]) -> None:
        by_id = {}
        for event in events:
            if event.type == "comment":
                item = QListWidgetItem(f"{event.data['nickname']}：{event.data['text']}")
                item.setData(Qt.ItemDataRole.UserRole, {"id": event.id, "actor": event.actor, **event.data})
                self.comments.addItem(item)
                by_id[event.id] = item
            elif event.type == "comment.flagged":
                item = by_id.get(event.data["comment"]) or self._find(event.data["comment"])
                if item is not None:  # shown as usual, marked for the host
                    item.setBackground(COMPLAINT)
                    shown = item.text()
                    say_in(item, lambda shown=shown: self.tr("[complaint] ") + shown)
                    item.setToolTip("、".join(event.data["words"]))
            elif event.type == "comment.reply":
                reply = QListWidgetItem()
                say_in(reply, lambda to=event.data["to"], text=event.data["text"]:
                       self.tr("↳ you to {0}: {1}").format(to, text))
                self.comments.addItem(reply)
            elif event.type == "question.asked":
                item = QListWidgetItem(f"{event.data['nickname']}：{event.data['text']}")
                item.setData(Qt.ItemDataRole.UserRole, event.data)
                self.questions.addItem(item)
        _trim(self.comments)
        _trim(self.questions)
        if by_id and self.comments.currentItem() is None:  # the host's choice stays in view
            self.comments.scrollToBottom()

    def _find(self, comment_id: int) -> QListWidgetItem | None:
        for index in range(self.comments.count() - 1, -1, -1):
            data = self.comments.item(index).data(Qt.ItemDataRole.UserRole)
            if data and data.get("id") == comment_id:
                return self.comments.item(index)
        return None


class ProductsDock(CommerceDock):
    """The catalog (import, Advertising Law marks), the product on air, and flash sales."""

    def __init__(self, studio: Studio) -> None:
        super().__init__(studio, "productsDock")
        self.import_button, self.pin_button, self.unpin_button = QPushButton(), QPushButton(), QPushButton()
        self.table = QTableWidget(0, 4, objectName="productTable")
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.sale_box = QGroupBox()
        form = QFormLayout(self.sale_box)
        self.sale_price = QDoubleSpinBox(minimum=0.01, maximum=999_999, value=9.9)
        self.sale_stock = QSpinBox(minimum=1, maximum=100_000, value=100)
        self.sale_limit = QSpinBox(minimum=1, maximum=10, value=1)
        self.sale_countdown = QSpinBox(minimum=10, maximum=300, value=10)
        self.sale_start, self.sale_end = QPushButton(), QPushButton()
        self.sale_state = QLabel(objectName="saleState")
        self.labels = [QLabel() for _ in range(4)]
        for label, field in zip(self.labels, (self.sale_price, self.sale_stock, self.sale_limit, self.sale_countdown),
                                strict=True):
            form.addRow(label, field)
        form.addRow(row(self.sale_start, self.sale_end))
        form.addRow(self.sale_state)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(row(self.import_button, self.pin_button, self.unpin_button))
        layout.addWidget(self.table)
        layout.addWidget(self.sale_box)
        layout.addWidget(self.status)
        self.set_body(body)
        self.import_button.clicked.connect(self._choose_catalog)
        self.pin_button.clicked.connect(lambda: self._with_product(self.pin))
        self.unpin_button.clicked.connect(lambda: self.submit("product.unpin", {}))
        self.sale_start.clicked.connect(lambda: self._with_product(self._start_sale))
        self.sale_end.clicked.connect(lambda: self.submit("sale.end", {}))
        self.retranslateUi()
        self._fill(list(self.interaction("products").catalog.values()))  # a restart: the catalog is back

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Products"))
        self.import_button.setText(self.tr("Import catalog…"))
        self.pin_button.setText(self.tr("Pin on air"))
        self.unpin_button.setText(self.tr("Unpin"))
        self.table.setHorizontalHeaderLabels([self.tr("Product"), self.tr("Price"), self.tr("Stock"),
                                              self.tr("Advertising Law")])
        self.sale_box.setTitle(self.tr("Flash sale"))
        for label, text in zip(self.labels, (self.tr("Sale price"), self.tr("Stock for the sale"),
                                             self.tr("Limit per viewer"), self.tr("Countdown (s)")), strict=True):
            label.setText(text)
        self.sale_start.setText(self.tr("Start sale"))
        self.sale_end.setText(self.tr("End sale"))

    def _choose_catalog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import catalog"), "",
                                              self.tr("Catalogs (*.csv *.json)"))
        if path:
            self.import_catalog(path)

    def import_catalog(self, path: str) -> None:
        try:
            catalog = self.studio.import_catalog(path)
        except (CatalogError, OSError, ValueError) as exc:
            problem = said(exc)
            self.status.say(lambda: self.tr("The catalog cannot be read: {0}").format(problem()))
            return
        count = len(catalog.products)
        self.status.say(lambda: self.tr("{0} products loaded").format(count),
                        *(said(row.error) for row in catalog.errors + catalog.warnings))

    def _with_product(self, action: Any) -> None:
        selected = self.table.selectedItems()
        if not selected:
            self.status.say(lambda: self.tr("Select a product first"))
            return
        action(self.table.item(selected[0].row(), 0).data(Qt.ItemDataRole.UserRole))

    def pin(self, product: str) -> None:
        self.submit("product.pin", {"product": product})

    def _start_sale(self, product: str) -> Event | None:
        return self.submit("sale.start", {"product": product, "price": round(self.sale_price.value(), 2),
                                          "stock": self.sale_stock.value(), "limit": self.sale_limit.value(),
                                          "countdown_s": self.sale_countdown.value()})

    def pin_next(self) -> str:
        """Pin the catalog's next product (the hotkey); says what is on air now, or why not."""
        try:
            event = self.studio.pin_next_product()
        except ValueError as exc:
            self.status.say(said(exc))
        else:
            if event is None:
                self.status.say(lambda: self.tr("Import a catalog first: there is no next product to pin."))
            else:
                self.status.say(lambda: self.tr("On air: {0}").format(event.data["name"]))
        return self.status.text()

    def start_pinned_sale(self) -> str:
        """The flash sale of the product on air with this dock's sale settings, as last used (the
        hotkey); says that it started, or why not."""
        pinned = self.studio.pinned_product()
        if pinned is None or "id" not in pinned:
            self.status.say(lambda: self.tr("No sale started: pin a product from the catalog first."))
        elif self._start_sale(pinned["id"]) is not None:
            self.status.say(lambda: self.tr("Flash sale of {0} started").format(pinned["name"]))
        return self.status.text()

    def show_events(self, events: list[Event]) -> None:
        marks: dict[str, list[str]] = {}
        for event in events:
            if event.type == "product.catalog":
                self._fill(event.data["products"])
            elif event.type == "product.flagged":
                marks[event.data["product"]] = [t["term"] for m in event.data["marks"] for t in m["terms"]]
        for index in range(self.table.rowCount()):
            product = self.table.item(index, 0).data(Qt.ItemDataRole.UserRole)
            if product in marks:
                cell = QTableWidgetItem("⚠ " + "、".join(marks[product]))
                cell.setBackground(COMPLAINT)
                self.table.setItem(index, 3, cell)

    def _fill(self, products: list[dict[str, Any]]) -> None:
        self.table.setRowCount(len(products))
        for index, product in enumerate(products):
            name = QTableWidgetItem(product["name"])
            name.setData(Qt.ItemDataRole.UserRole, product["id"])
            self.table.setItem(index, 0, name)
            self.table.setItem(index, 1, QTableWidgetItem(_money(product["price"])))
            stock = product.get("stock")
            self.table.setItem(index, 2, QTableWidgetItem("—" if stock is None else str(stock)))
            self.table.setItem(index, 3, QTableWidgetItem(""))

    def tick(self) -> None:
        sales = self.interaction("sales")
        sale = sales.sale if sales is not None else None
        if sale is None:
            self.sale_state.setText(self.tr("No sale running"))
        elif sale.get("sold_out"):
            self.sale_state.setText(self.tr("{0}: sold out").format(sale["product"]["name"]))
        elif sale["starts_at"] > time.time():
            self.sale_state.setText(self.tr("{0}: starts in {1} s").format(
                sale["product"]["name"], int(sale["starts_at"] - time.time()) + 1))
        else:
            self.sale_state.setText(self.tr("{0}: on, {1} left, {2} orders").format(
                sale["product"]["name"], sales.remaining, sales.orders))


class PollLotteryDock(CommerceDock):
    """Polls (2–6 options, live results) and the provably fair lottery."""

    def __init__(self, studio: Studio) -> None:
        super().__init__(studio, "pollLotteryDock")
        self.poll_box, self.lottery_box = QGroupBox(), QGroupBox()
        self.question = QLineEdit()
        self.options = QPlainTextEdit()
        self.options.setMaximumHeight(90)
        self.poll_start, self.poll_close = QPushButton(), QPushButton()
        self.poll_results = QLabel(wordWrap=True, objectName="pollResults")
        poll_layout = QVBoxLayout(self.poll_box)
        for widget in (self.question, self.options, row(self.poll_start, self.poll_close), self.poll_results):
            poll_layout.addWidget(widget)
        self.prize = QLineEdit()
        self.winners = QSpinBox(minimum=1, maximum=100, value=1)
        self.entry = QComboBox()
        self.entry.addItems(["", ""])  # texts in retranslateUi
        self.keyword = QLineEdit()
        self.followers_only = QCheckBox()
        self.lottery_countdown = QSpinBox(minimum=10, maximum=3600, value=60)
        self.lottery_start, self.lottery_close, self.copy_record = QPushButton(), QPushButton(), QPushButton()
        self.lottery_state = QLabel(wordWrap=True, objectName="lotteryState")
        self.lottery_labels = [QLabel() for _ in range(5)]
        lottery_form = QFormLayout(self.lottery_box)
        for label, field in zip(self.lottery_labels, (self.prize, self.winners, self.entry, self.keyword,
                                                      self.lottery_countdown), strict=True):
            lottery_form.addRow(label, field)
        lottery_form.addRow(self.followers_only)
        lottery_form.addRow(row(self.lottery_start, self.lottery_close, self.copy_record))
        lottery_form.addRow(self.lottery_state)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.poll_box)
        layout.addWidget(self.lottery_box)
        layout.addWidget(self.status)
        self.set_body(body)
        self.poll_start.clicked.connect(self.start_poll)
        self.poll_close.clicked.connect(lambda: self.submit("poll.close", {}))
        self.lottery_start.clicked.connect(self.start_lottery)
        self.lottery_close.clicked.connect(lambda: self.submit("lottery.close", {}))
        self.copy_record.clicked.connect(self._copy_record)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Polls and lottery"))
        self.poll_box.setTitle(self.tr("Poll"))
        self.question.setPlaceholderText(self.tr("Question"))
        self.options.setPlaceholderText(self.tr("2 to 6 options, one per line"))
        self.poll_start.setText(self.tr("Start poll"))
        self.poll_close.setText(self.tr("Close poll"))
        self.lottery_box.setTitle(self.tr("Lottery (provably fair)"))
        for label, text in zip(self.lottery_labels, (self.tr("Prize"), self.tr("Winners"), self.tr("Entry"),
                                                     self.tr("Keyword"), self.tr("Countdown (s)")), strict=True):
            label.setText(text)
        self.entry.setItemText(0, self.tr("Keyword comment"))
        self.entry.setItemText(1, self.tr("Click"))
        self.followers_only.setText(self.tr("Followers only"))
        self.lottery_start.setText(self.tr("Start lottery"))
        self.lottery_close.setText(self.tr("Draw now"))
        self.copy_record.setText(self.tr("Copy record"))

    def start_poll(self) -> None:
        options = [line.strip() for line in self.options.toPlainText().splitlines() if line.strip()]
        self.submit("poll.start", {"question": self.question.text(), "options": options})

    def start_lottery(self) -> None:
        keyword = self.entry.currentIndex() == 0
        rules: dict[str, Any] = {"prize": self.prize.text(), "winners": self.winners.value(),
                                 "entry": "keyword" if keyword else "click",
                                 "countdown_s": self.lottery_countdown.value(),
                                 "followers_only": self.followers_only.isChecked()}
        if keyword:
            rules["keyword"] = self.keyword.text()
        self.submit("lottery.start", rules)

    def _copy_record(self) -> None:
        lottery = self.interaction("lottery")
        if lottery is None or not lottery.records:
            self.status.say(lambda: self.tr("No draw yet"))
            return
        record = lottery.records[max(lottery.records)]
        QGuiApplication.clipboard().setText(json.dumps(record, ensure_ascii=False, indent=1))
        self.status.say(lambda: self.tr("The record is on the clipboard: studio verify-lottery checks it"))

    def tick(self) -> None:
        polls = self.interaction("polls")
        if polls is not None and polls.poll is not None:
            self.poll_results.setText("\n".join(f"{option}: {count}" for option, count
                                                in zip(polls.poll["options"], polls.tallies(), strict=True)))
        elif polls is not None and polls.last_result is not None:
            result = polls.last_result
            self.poll_results.setText(self.tr("Closed: ") + ", ".join(
                f"{o} {n}" for o, n in zip(result["options"], result["tallies"], strict=True)))
        lottery = self.interaction("lottery")
        if lottery is None:
            return
        if lottery.open is not None:
            left = int(lottery.open["closes_at"] - time.time()) + 1
            self.lottery_state.setText(self.tr("{0} entrants, draw in {1} s · commitment {2}…").format(
                len(lottery.entrants), max(left, 0), lottery.open["commitment"][:16]))
        elif lottery.last is not None:
            names = [lottery.last["names"].get(w, w) for w in lottery.last["winners"]]
            self.lottery_state.setText(self.tr("Winners: {0}").format("、".join(names) or "—"))


class ModerationDock(CommerceDock):
    """Banned words, refused comments (right-click: mute or ban the sender), and who is muted or
    banned, by the name the host saw, with the reason and an undo."""

    def __init__(self, studio: Studio) -> None:
        super().__init__(studio, "moderationDock")
        self.words = QLineEdit()
        moderation = self.interaction("moderation")
        if moderation is not None:
            self.words.setText(moderation.extra_words)
        self.words_button = QPushButton()
        self.roster = QListWidget(objectName="moderationRoster")
        self.lift_button = QPushButton()
        self.refused = QListWidget(objectName="refusedList")
        self.refused_label, self.words_label, self.roster_label = QLabel(), QLabel(), QLabel()
        self.nobody = QLabel(objectName="hint", wordWrap=True)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.words_label)
        layout.addWidget(row(self.words, self.words_button))
        layout.addWidget(self.roster_label)
        layout.addWidget(self.nobody)
        layout.addWidget(self.roster)
        layout.addWidget(self.lift_button)
        layout.addWidget(self.refused_label)
        layout.addWidget(self.refused)
        layout.addWidget(self.status)
        self.set_body(body)
        self.words_button.clicked.connect(self._apply_words)
        self.lift_button.clicked.connect(self.lift_selected)
        self.refused.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.refused.customContextMenuRequested.connect(self._refused_menu)
        self._shown: list[dict[str, Any]] | None = None
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Moderation"))
        self.words_label.setText(self.tr("Your banned words (separated by commas)"))
        self.words_button.setText(self.tr("Apply"))
        self.roster_label.setText(self.tr("Muted and banned"))
        self.nobody.setText(self.tr("Nobody. Right-click a comment to mute or ban its sender."))
        self.lift_button.setText(self.tr("Undo: let them comment again"))
        self.refused_label.setText(self.tr("Refused comments (the sender was told why)"))
        self._shown = None  # worded again in the new language
        self.tick()

    def _apply_words(self) -> None:
        self.studio.set_options("interaction", "moderation", extra_words=self.words.text())
        self.status.say(lambda: self.tr("Banned words applied"))

    def lift_selected(self) -> None:
        item = self.roster.currentItem()
        if item is None:
            self.status.say(lambda: self.tr("Select someone in the list first"))
            return
        entry = item.data(Qt.ItemDataRole.UserRole)
        undo = "moderation.unban" if entry["kind"] == "banned" else "moderation.unmute"
        self.submit(undo, {"viewer": entry["viewer"]})
        self.tick()

    def tick(self) -> None:
        moderation = self.interaction("moderation")
        entries = moderation.roster() if moderation is not None else []
        if entries == self._shown:
            return
        self._shown = entries
        self.roster.clear()
        for entry in entries:
            who = entry["nickname"] or self.tr("viewer …{0}").format(entry["viewer"][-4:])
            if entry["kind"] == "banned":
                text = self.tr("{0}: banned ({1})").format(who, entry["reason"])
            else:
                until = QDateTime.fromSecsSinceEpoch(int(entry["until"])).toString("HH:mm")
                text = self.tr("{0}: muted until {1} ({2})").format(who, until, entry["reason"])
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, entry)
            self.roster.addItem(item)
        self.nobody.setVisible(not entries)
        self.lift_button.setEnabled(bool(entries))

    def _refused_menu(self, at: QPoint) -> None:
        item = self.refused.itemAt(at)
        if item is None:
            return
        viewer, nickname = item.data(Qt.ItemDataRole.UserRole)
        menu = QMenu(self)
        self.moderation_menu(menu, viewer, nickname)
        if not menu.isEmpty():
            menu.exec(self.refused.viewport().mapToGlobal(at))

    def show_events(self, events: list[Event]) -> None:
        for event in events:
            if event.type == "comment.refused":
                words = "、".join(event.data.get("words", []))
                item = QListWidgetItem(f"{event.data.get('nickname', '')}：{event.data.get('text', '')}  [{words}]")
                item.setData(Qt.ItemDataRole.UserRole, (event.actor, event.data.get("nickname", "")))
                if event.data.get("complaint"):
                    item.setBackground(COMPLAINT)
                self.refused.addItem(item)
        _trim(self.refused)


def add_commerce_docks(window: Any, studio: Studio) -> dict[str, CommerceDock]:
    """The docks in one column of tabs left of the preview, each opened from the View menu (or the
    window's Comments button) and left as the host left it (``window/<name>`` in the settings)."""
    docks = {"comments": CommentsDock(studio), "products": ProductsDock(studio),
             "poll_lottery": PollLotteryDock(studio), "moderation": ModerationDock(studio)}
    first = docks["comments"]
    for dock in docks.values():
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        window.view_menu.addAction(dock.toggleViewAction())
        # Opened from the menu, a dock comes to the front of its tabs, not behind the current one.
        dock.toggleViewAction().triggered.connect(lambda shown, d=dock: shown and d.raise_())
        if dock is not first:
            window.tabifyDockWidget(first, dock)
        dock.setVisible(window.settings.value(f"window/{dock.objectName()}", False, type=bool))
    return docks


def remember_docks(docks: dict[str, CommerceDock], window: Any) -> None:
    for dock in docks.values():
        window.settings.setValue(f"window/{dock.objectName()}", dock.isVisibleTo(window))
