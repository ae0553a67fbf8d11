window.labyrintSearch.load("t-o",{"omtank":"O6W e","ophold":"E5e","overblik":"NvZ"});
