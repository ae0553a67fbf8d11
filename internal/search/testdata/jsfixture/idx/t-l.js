window.labyrintSearch.load("t-l",{"labyrint":"A8K","lej":"DlHEmF lighed ligheder","liv":"P6b","livssituation":"AwL","lov":"QuZ er","lyt":"PvJ ter","læg":"LtQ e","løsning":"A8K ernes"});
