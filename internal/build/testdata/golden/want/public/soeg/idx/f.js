window.labyrintSearch.load("f",[["section","Sektion",[["Enheder","BC"],["Værdier","EC"]]],["unit","Enheder",[["Enhed A","DA"]]],["values","Værdier",[["Ærlighed","DA"]]]]);
