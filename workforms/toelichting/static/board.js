// Board for `toelichting`: a text slide.
export function render(container, view) {
  const slide = document.createElement("div");
  slide.className = "board__slide";
  slide.textContent = view.activity.body || "";
  container.replaceChildren(slide);
}
